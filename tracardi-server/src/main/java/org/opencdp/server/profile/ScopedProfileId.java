package org.opencdp.server.profile;

import java.util.Objects;
import org.opencdp.server.storage.TenantScope;

/**
 * A profile id together with the tenant and context it lives in: ids are unique only within one scope, so a call
 * that names profiles of several tenants at once names them this way.
 */
public record ScopedProfileId(TenantScope scope, String profileId) {

    public ScopedProfileId {
        Objects.requireNonNull(scope, "scope");
        if (profileId == null || profileId.isEmpty()) {
            throw new IllegalArgumentException("profile id is empty");
        }
    }

    @Override
    public String toString() {
        return scope + "/" + profileId;
    }
}
