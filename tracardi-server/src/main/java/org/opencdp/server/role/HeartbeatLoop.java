package org.opencdp.server.role;

import io.dropwizard.lifecycle.Managed;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencdp.server.storage.redis.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

/**
 * Writes {@code {prefix}:heartbeat:{role}:{node}} every 10 s with a 30 s expiry, so operators and the
 * private API can tell that a background role is alive (operations §1).
 */
public final class HeartbeatLoop implements Managed {

    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration EXPIRY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final RedisStore redis;
    private final String key;
    private ScheduledExecutorService scheduler;

    public HeartbeatLoop(RedisStore redis, Role role) {
        this.redis = redis;
        this.key = redis.keys().heartbeat(role.label(), node());
    }

    public String key() {
        return key;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(this::beat, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            redis.jedis().set(key, Instant.now().toString(), SetParams.setParams().ex(EXPIRY.toSeconds()));
        } catch (RuntimeException e) {
            // Redis being down is reported by the health check; the next beat retries.
            LOG.debug("heartbeat {} not written: {}", key, e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            redis.jedis().del(key);
        } catch (RuntimeException e) {
            LOG.debug("heartbeat {} not removed: {}", key, e.getMessage());
        }
    }

    private static String node() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (Exception e) {
            return "pid-" + ProcessHandle.current().pid();
        }
    }
}
