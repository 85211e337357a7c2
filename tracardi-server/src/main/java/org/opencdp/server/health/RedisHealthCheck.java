package org.opencdp.server.health;

import com.codahale.metrics.health.HealthCheck;
import org.opencdp.server.storage.redis.RedisStore;

/** Healthy while Redis answers PING. */
public final class RedisHealthCheck extends HealthCheck {

    private final RedisStore redis;

    public RedisHealthCheck(RedisStore redis) {
        this.redis = redis;
    }

    @Override
    protected Result check() {
        try {
            String reply = redis.jedis().ping();
            return "PONG".equalsIgnoreCase(reply)
                    ? Result.healthy("Redis at %s answers", redis.description())
                    : Result.unhealthy("Redis at %s answered PING with %s", redis.description(), reply);
        } catch (Exception e) {
            return Result.unhealthy("Redis at %s is unreachable: %s", redis.description(), Reasons.of(e));
        }
    }
}
