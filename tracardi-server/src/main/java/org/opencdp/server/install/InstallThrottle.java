package org.opencdp.server.install;

import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.redis.RedisStore;

/** At most 5 wrong installation tokens per client address and minute (private-api §5.1). */
public final class InstallThrottle {

    static final int LIMIT = 5;
    static final int WINDOW_SECONDS = 60;

    private final RedisStore redis;
    private final Tenant tenant;

    public InstallThrottle(RedisStore redis, Tenant tenant) {
        this.redis = redis;
        this.tenant = tenant;
    }

    public boolean blocked(String address) {
        String value = redis.jedis().get(key(address));
        return value != null && Long.parseLong(value) >= LIMIT;
    }

    public void recordFailure(String address) {
        String key = key(address);
        if (redis.jedis().incr(key) == 1) {
            redis.jedis().expire(key, WINDOW_SECONDS);
        }
    }

    private String key(String address) {
        return redis.keys().tenantLevel(tenant, "install-fail:" + (address == null ? "unknown" : address));
    }
}
