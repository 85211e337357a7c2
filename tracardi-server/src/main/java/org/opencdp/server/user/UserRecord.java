package org.opencdp.server.user;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A user of the private API (domain-model §15.5) as stored in {@code user.data}. The password hash lives in
 * its own column and is never part of this record, so it cannot leak through an API answer.
 *
 * @param expirationTimestamp epoch seconds after which login is refused, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserRecord(@JsonProperty("id") String id,
                         @JsonProperty("email") String email,
                         @JsonProperty("name") String name,
                         @JsonProperty("roles") List<String> roles,
                         @JsonProperty("enabled") boolean enabled,
                         @JsonProperty("expiration_timestamp") Long expirationTimestamp,
                         @JsonProperty("preference") ObjectNode preference) {

    public UserRecord {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean expired(Instant now) {
        return expirationTimestamp != null && now.getEpochSecond() > expirationTimestamp;
    }

    public UserRecord withPreference(ObjectNode newPreference) {
        return new UserRecord(id, email, name, roles, enabled, expirationTimestamp, newPreference);
    }
}
