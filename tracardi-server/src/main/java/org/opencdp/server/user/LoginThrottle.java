package org.opencdp.server.user;

import java.time.Duration;
import org.opencdp.server.api.auth.AccessTokens;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.redis.RedisStore;

/**
 * Counts failed logins per account and per client address in Redis over a fixed window, so password guessing
 * is slowed on every node at once. Successful logins do not count.
 */
public final class LoginThrottle {

    /** Failed attempts allowed per account within the window. */
    public static final int PER_ACCOUNT = 10;
    /** Failed attempts allowed per client address within the window. */
    public static final int PER_ADDRESS = 30;
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final RedisStore redis;

    public LoginThrottle(RedisStore redis) {
        this.redis = redis;
    }

    /** Whether this account or address has used up its failed attempts. */
    public boolean blocked(Tenant tenant, String email, String address) {
        return count(accountKey(tenant, email)) >= PER_ACCOUNT || count(addressKey(tenant, address)) >= PER_ADDRESS;
    }

    public void recordFailure(Tenant tenant, String email, String address) {
        increment(accountKey(tenant, email));
        increment(addressKey(tenant, address));
    }

    private long count(String key) {
        String value = redis.jedis().get(key);
        return value == null ? 0 : Long.parseLong(value);
    }

    private void increment(String key) {
        long value = redis.jedis().incr(key);
        if (value == 1) {
            redis.jedis().expire(key, WINDOW.toSeconds());
        }
    }

    private String accountKey(Tenant tenant, String email) {
        // Hashed so the audit trail in Redis holds no e-mail addresses.
        return redis.keys().tenantLevel(tenant, "login-fail:account:" + AccessTokens.sha256(UserDao.normalizeEmail(email)));
    }

    private String addressKey(Tenant tenant, String address) {
        return redis.keys().tenantLevel(tenant, "login-fail:address:" + (address == null ? "unknown" : address));
    }
}
