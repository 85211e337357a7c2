package org.opencdp.server.storage.redis;

import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import org.opencdp.server.config.RedisConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** The Redis connection pool of a role and the key builder that scopes every key by tenant. */
public final class RedisStore implements Managed, AutoCloseable {

    private final JedisPooled jedis;
    private final RedisKeys keys;
    private final String description;

    private RedisStore(JedisPooled jedis, RedisKeys keys, String description) {
        this.jedis = jedis;
        this.keys = keys;
        this.description = description;
    }

    public static RedisStore connect(RedisConfig config) {
        URI uri = config.serverUri();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .ssl(config.tls())
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(5_000);
        if (!config.password().isBlank()) {
            client.password(config.password());
        }
        JedisPooled jedis = new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort()), client.build());
        return new RedisStore(jedis, new RedisKeys(config.keyPrefix()), uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
    }

    public JedisPooled jedis() { return jedis; }
    public RedisKeys keys() { return keys; }

    /** Host and port, for log lines and health messages. */
    public String description() { return description; }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        jedis.close();
    }
}
