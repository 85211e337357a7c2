package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.Versioned;

/** Finds stored profiles for Load profile by field (workflows §8). */
@FunctionalInterface
public interface ProfileLookup {

    /**
     * Active profiles of the scope whose {@code field} (a profile path such as {@code data.contact.email.main}, or
     * {@code id}) equals {@code value}, at most {@code limit} of them, each with the version it was read at (the
     * worker saves a loaded profile conditionally on it).
     */
    List<Versioned<ObjectNode>> findActive(TenantScope scope, String field, JsonNode value, int limit) throws Exception;

    static ProfileLookup unavailable() {
        return (scope, field, value, limit) -> {
            throw new IllegalStateException("Profile search is not available on this server.");
        };
    }
}
