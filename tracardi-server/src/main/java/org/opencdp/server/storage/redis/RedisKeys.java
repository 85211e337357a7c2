package org.opencdp.server.storage.redis;

import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/**
 * Builds every Redis key (operations §3.3). Keys are {@code {prefix}:{tenant}:{ctx}:…}, or
 * {@code {prefix}:{tenant}:…} for data shared by both contexts; only leader locks are not tenant-scoped.
 */
public record RedisKeys(String prefix) {

    public String scoped(TenantScope scope, String key) {
        return prefix + ":" + scope.tenant().name() + ":" + scope.context().label() + ":" + key;
    }

    public String tenantLevel(Tenant tenant, String key) {
        return prefix + ":" + tenant.name() + ":" + key;
    }

    public String leader(String job) {
        return prefix + ":leader:" + job;
    }

    public String heartbeat(String role, String node) {
        return prefix + ":heartbeat:" + role + ":" + node;
    }

    /** Pattern matching every key of a tenant, for purging it with SCAN. */
    public String tenantPattern(Tenant tenant) {
        return prefix + ":" + tenant.name() + ":*";
    }
}
