package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads consent types (domain-model §10) of the running tenant and context, for Add consent. */
@FunctionalInterface
public interface ConsentTypeLookup {

    /** The consent type {@code {id, name, revokable, enabled, auto_revoke, …}}, or empty when there is none. */
    Optional<JsonNode> find(String id) throws Exception;

    static ConsentTypeLookup unavailable() {
        return id -> {
            throw new IllegalStateException("Consent types are not available on this server.");
        };
    }
}
