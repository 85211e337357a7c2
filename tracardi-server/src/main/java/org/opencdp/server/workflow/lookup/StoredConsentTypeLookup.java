package org.opencdp.server.workflow.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.workflow.plugin.ConsentTypeLookup;

/** Consent types from the MySQL {@code consent_type} table the consent API writes. */
public final class StoredConsentTypeLookup implements ConsentTypeLookup {

    private final ConfigTable<ObjectNode> consentTypes;

    public StoredConsentTypeLookup(ConfigTable<ObjectNode> consentTypes) {
        this.consentTypes = consentTypes;
    }

    @Override
    public Optional<JsonNode> find(TenantScope scope, String id) {
        LookupScopes.require(scope);
        return consentTypes.find(scope, id).map(JsonNode.class::cast);
    }
}
