package org.opencdp.server.lock;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.opencdp.server.storage.redis.RedisStore;
import redis.clients.jedis.JedisPooled;

/**
 * Leadership of a background job across the worker replicas (operations §1: leader-elected jobs), held as a
 * lease on {@code {prefix}:leader:{job}}. {@link #lead()} takes the lease when it is free and extends it when this
 * node holds it, in one atomic script; a node that stops calling it loses the lead after the lease, so a
 * crashed leader is replaced without anyone breaking into a live lease.
 */
public final class RedisLeadership {

    /** Extends our lease, or takes a free one; 1 when we lead afterwards. */
    private static final String LEAD = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if not holder then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0""";
    private static final String RESIGN = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";

    private final JedisPooled jedis;
    private final String key;
    private final String token = UUID.randomUUID().toString();
    private final Duration lease;

    public RedisLeadership(RedisStore store, String job, Duration lease) {
        if (lease.toMillis() < 1) {
            throw new IllegalArgumentException("leader lease must be positive: " + lease);
        }
        this.jedis = store.jedis();
        this.key = store.keys().leader(job);
        this.lease = lease;
    }

    /** Whether this node leads the job for the next lease (taking or extending it). */
    public boolean lead() {
        Object led = jedis.eval(LEAD, List.of(key), List.of(token, Long.toString(lease.toMillis())));
        return Long.valueOf(1).equals(led);
    }

    /** Gives the lead up at once when this node holds it (on shutdown), so another node takes over. */
    public void resign() {
        jedis.eval(RESIGN, List.of(key), List.of(token));
    }

    public String key() {
        return key;
    }
}
