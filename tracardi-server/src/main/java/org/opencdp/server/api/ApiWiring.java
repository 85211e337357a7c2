package org.opencdp.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.api.auth.AccessTokens;
import org.opencdp.server.role.Backends;
import org.opencdp.server.role.Pipeline;
import org.opencdp.server.storage.Tenant;

/**
 * What private-API modules are built from: the role's backends, the shared pipeline services and the
 * token store. Modules open only the stores they use.
 */
public record ApiWiring(Backends backends, Pipeline pipeline, AccessTokens tokens) {

    public TracardiConfiguration config() {
        return backends.config();
    }

    public ObjectMapper json() {
        return pipeline.json();
    }

    /** The tenant of a single-tenant installation. */
    public Tenant tenant() {
        return Tenant.of(config().tenancy().tenantName());
    }
}
