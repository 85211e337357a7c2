package org.opencdp.server.profile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The reference to a profile kept in events and sessions: {@code {"id", "primary_id"}} (domain-model §3, §4).
 *
 * @param id        the profile id
 * @param primaryId the profile's primary id, or null
 */
public record ProfileRef(String id, String primaryId) {

    public ProfileRef {
        Objects.requireNonNull(id, "id");
    }

    public static ProfileRef of(String id) {
        return new ProfileRef(id, null);
    }

    /** The stored form, {@code {"id": …, "primary_id": …}}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("primary_id", primaryId);
        return node;
    }
}
