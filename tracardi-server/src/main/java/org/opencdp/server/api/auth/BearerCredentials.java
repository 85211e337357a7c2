package org.opencdp.server.api.auth;

import org.opencdp.server.storage.Tenant;

/** A presented bearer token and the tenant of the request it came with. */
public record BearerCredentials(Tenant tenant, String token) {

    @Override
    public String toString() {
        return "BearerCredentials[" + tenant + ", token=***]";
    }
}
