package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.opencdp.server.storage.TenantScope;

/** Reads resource credentials (domain-model §9) for connector actions such as Remote API call. */
@FunctionalInterface
public interface ResourceLookup {

    /**
     * The decrypted credentials of an enabled resource of the scope: its {@code test} credentials when {@code test}
     * is true (debug runs, the staging context; workflows §4), else {@code production}. Empty when there is no such
     * resource or it is disabled.
     */
    Optional<JsonNode> credentials(TenantScope scope, String resourceId, boolean test) throws Exception;

    static ResourceLookup unavailable() {
        return (scope, resourceId, test) -> {
            throw new IllegalStateException("Resources are not available on this server.");
        };
    }
}
