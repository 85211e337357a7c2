package org.opencdp.server.profile;

import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisKeys;
import org.opencdp.server.storage.redis.RedisStore;
import redis.clients.jedis.JedisPooled;

/**
 * The write-through profile cache {@code {prefix}:profile:{id}} (operations §3.3). Writers outside the worker
 * (deletes, imports) evict the entry so no reader sees a profile that is gone or outdated.
 */
public final class ProfileCache {

    private final JedisPooled jedis;
    private final RedisKeys keys;

    public ProfileCache(RedisStore redis) {
        this.jedis = redis.jedis();
        this.keys = redis.keys();
    }

    /** Drops the cached copy of the profile; true when there was one. */
    public boolean evict(TenantScope scope, String profileId) {
        return jedis.del(key(scope, profileId)) > 0;
    }

    /** The cache key of a profile, for tests and tools. */
    public String key(TenantScope scope, String profileId) {
        return keys.scoped(scope, "profile:" + profileId);
    }
}
