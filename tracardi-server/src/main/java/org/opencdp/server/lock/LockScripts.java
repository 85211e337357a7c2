package org.opencdp.server.lock;

import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * The Lua scripts of the lease lock. Both compare the token first, so a holder whose lease ran out can never
 * extend or delete the lock of the holder that came after it.
 */
final class LockScripts {

    private static final String RENEW = """
            if redis.call('get', KEYS[1]) == ARGV[1] then
              return redis.call('pexpire', KEYS[1], ARGV[2])
            end
            return 0""";

    private static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then
              return redis.call('del', KEYS[1])
            end
            return 0""";

    private LockScripts() {
    }

    /** Extends the lease if {@code token} still owns {@code key}; false when another holder (or nobody) does. */
    static boolean renew(JedisPooled jedis, String key, String token, long leaseMillis) {
        return Long.valueOf(1).equals(jedis.eval(RENEW, List.of(key), List.of(token, Long.toString(leaseMillis))));
    }

    /** {@link #release} of several locks in one round trip; the answers are not needed, a lost lock is gone anyway. */
    static void releaseAll(JedisPooled jedis, List<String> keys, List<String> tokens) {
        try (Pipeline pipeline = jedis.pipelined()) {
            for (int i = 0; i < keys.size(); i++) {
                pipeline.eval(RELEASE, List.of(keys.get(i)), List.of(tokens.get(i)));
            }
            pipeline.sync();
        }
    }

    /** Deletes {@code key} if {@code token} still owns it; false when it was lost already. */
    static boolean release(JedisPooled jedis, String key, String token) {
        return Long.valueOf(1).equals(jedis.eval(RELEASE, List.of(key), List.of(token)));
    }
}
