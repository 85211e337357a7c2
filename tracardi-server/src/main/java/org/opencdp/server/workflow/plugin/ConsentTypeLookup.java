package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.opencdp.server.storage.TenantScope;

/** Reads consent types (domain-model §10) of the running tenant and context, for Add consent. */
@FunctionalInterface
public interface ConsentTypeLookup {

    /** The consent type {@code {id, name, revokable, enabled, auto_revoke, …}} of the scope, or empty when there is none. */
    Optional<JsonNode> find(TenantScope scope, String id) throws Exception;

    static ConsentTypeLookup unavailable() {
        return (scope, id) -> {
            throw new IllegalStateException("Consent types are not available on this server.");
        };
    }
}
