package org.opencdp.server.workflow.lookup;

import org.opencdp.server.storage.TenantScope;

/** The guard every store lookup starts with: a run without a tenant must not read any tenant's data. */
final class LookupScopes {

    private LookupScopes() {
    }

    static void require(TenantScope scope) {
        if (scope == null) {
            throw new IllegalStateException("The tenant of this workflow run is unknown; stored data can not be read.");
        }
    }
}
