package org.opencdp.server.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What Redis keeps for one access token: whose it is and with which roles it was issued. */
public record TokenGrant(@JsonProperty("user_id") String userId, @JsonProperty("email") String email,
                         @JsonProperty("roles") List<String> roles, @JsonProperty("issued_at") String issuedAt) {
}
