package org.opencdp.server.workflow;

import java.util.Optional;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.workflow.plugin.PluginMemory;
import redis.clients.jedis.params.SetParams;

/**
 * Plugin memory in Redis under {@code {prefix}:{tenant}:plugin-memory:{key}} (operations §3.3): what Value
 * threshold, If with {@code trigger_once} and {@code run_once} remember between runs. Keys are scoped by the
 * installation's tenant.
 */
public final class RedisPluginMemory implements PluginMemory {

    private final RedisStore redis;
    private final Tenant tenant;

    public RedisPluginMemory(RedisStore redis, Tenant tenant) {
        this.redis = redis;
        this.tenant = tenant;
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(redis.jedis().get(scoped(key)));
    }

    @Override
    public void put(String key, String value, long ttlSeconds) {
        if (ttlSeconds > 0) {
            redis.jedis().set(scoped(key), value, SetParams.setParams().ex(ttlSeconds));
        } else {
            redis.jedis().set(scoped(key), value);
        }
    }

    private String scoped(String key) {
        return redis.keys().tenantLevel(tenant, "plugin-memory:" + key);
    }
}
