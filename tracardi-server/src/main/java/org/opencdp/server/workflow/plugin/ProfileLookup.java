package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Finds stored profiles for Load profile by field (workflows §8). */
@FunctionalInterface
public interface ProfileLookup {

    /**
     * Active profiles whose {@code field} (a profile path such as {@code data.contact.email.main}, or {@code id})
     * equals {@code value}, at most {@code limit} of them.
     */
    List<ObjectNode> findActive(String field, JsonNode value, int limit) throws Exception;

    static ProfileLookup unavailable() {
        return (field, value, limit) -> {
            throw new IllegalStateException("Profile search is not available on this server.");
        };
    }
}
