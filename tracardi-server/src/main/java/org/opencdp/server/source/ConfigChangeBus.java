package org.opencdp.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.opencdp.server.config.RedisConfig;
import org.opencdp.server.storage.DataContext;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;

/**
 * Cache invalidation of configuration between nodes (operations §3.3, processing §14).
 *
 * <p><b>Channel.</b> A write in scope (tenant, context) increments the counter
 * {@code {keyPrefix}:{tenant}:{ctx}:config-version} and publishes on
 * {@code {keyPrefix}:{tenant}:{ctx}:config-changed} a JSON message
 * {@code {"tenant", "context", "table", "id", "version", "node"}}. The names follow the spec's key table
 * (everything after {@code {prefix}} = {@code {keyPrefix}:{tenant}:{ctx}:}), so no Redis name is unscoped.
 * Every node listens with one {@code PSUBSCRIBE {keyPrefix}:*:config-changed}, which covers all tenants,
 * including tenants created after the node started, on a single connection. One channel carries every
 * configuration table; listeners pick the tables they cache.
 *
 * <p><b>This node</b> does not wait for Redis: {@link #changed} tells the local listeners synchronously
 * before it publishes, so a write is visible to the next read on the writing node (read-your-writes). Its own
 * message comes back later and only drops the row once more.
 *
 * <p><b>Connection loss.</b> The subscription runs on a dedicated connection (a pooled one cannot be held
 * by a blocking subscribe) in a daemon thread. A watchdog pings it every {@code pingInterval}; without an
 * answer for three intervals it closes the connection. The thread reconnects with exponential backoff (100 ms
 * doubling to 5 s). While it is not subscribed {@link #subscribed()} is false and caches must not serve
 * entries (messages may be lost); each new subscription tells the listeners to {@link Listener#resynchronize}
 * (drop everything), because messages sent in between were missed.
 */
public final class ConfigChangeBus implements ConfigChangePublisher, Managed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigChangeBus.class);
    static final String CHANNEL = "config-changed";
    static final String COUNTER = "config-version";
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Receives changes of any configuration table, and the order to forget everything. */
    public interface Listener {
        void changed(ConfigChange change);

        /** Messages may have been missed: drop every cached entry. */
        void resynchronize();
    }

    private final JedisPooled publisher;
    private final RedisKeys keys;
    private final HostAndPort address;
    private final JedisClientConfig clientConfig;
    private final String node;
    private final Duration pingInterval;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong subscriptions = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();

    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile Jedis connection;
    private volatile JedisPubSub current;
    private volatile long lastPong;
    private Thread subscriber;
    private Thread watchdog;
    private CountDownLatch stopped = new CountDownLatch(0);

    /**
     * @param publisher the role's pooled connection ({@code RedisStore.jedis()}), used to publish
     * @param config where the dedicated subscriber connection goes
     * @param node this node's id, carried in the messages for diagnostics
     */
    public ConfigChangeBus(JedisPooled publisher, RedisConfig config, String node, Duration pingInterval) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.keys = new RedisKeys(config.keyPrefix());
        URI uri = config.serverUri();
        this.address = new HostAndPort(uri.getHost(), uri.getPort());
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .ssl(config.tls())
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(5_000)
                .clientName("config-changes");
        if (!config.password().isBlank()) {
            client.password(config.password());
        }
        this.clientConfig = client.build();
        this.node = Objects.requireNonNull(node, "node");
        this.pingInterval = pingInterval;
    }

    public ConfigChangeBus(JedisPooled publisher, RedisConfig config, String node) {
        this(publisher, config, node, Duration.ofSeconds(10));
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Whether the subscription is up now; while it is not, changes made by other nodes may go unnoticed. */
    public boolean subscribed() {
        return subscribed;
    }

    /** How many times the subscription was (re)established. */
    public long subscriptions() {
        return subscriptions.get();
    }

    /** How many messages were received from Redis. */
    public long received() {
        return received.get();
    }

    /** How many publications failed (the other nodes then rely on their reconnect or on the TTL). */
    public long publishFailures() {
        return publishFailures.get();
    }

    public String channel(TenantScope scope) {
        return keys.scoped(scope, CHANNEL);
    }

    /** The pattern matching the channels of every tenant and context of this key prefix. */
    public String pattern() {
        return keys.prefix() + ":*:" + CHANNEL;
    }

    @Override
    public void changed(TenantScope scope, String table, String id) {
        ConfigChange local = new ConfigChange(scope, table, id, 0, node);
        deliver(local);
        long version = 0;
        try {
            version = publisher.incr(keys.scoped(scope, COUNTER));
            ObjectNode message = json.createObjectNode()
                    .put("tenant", scope.tenant().name())
                    .put("context", scope.context().label())
                    .put("table", table)
                    .put("id", id)
                    .put("version", version)
                    .put("node", node);
            publisher.publish(channel(scope), message.toString());
        } catch (RuntimeException e) {
            // The write is committed; other nodes resynchronize on reconnect or expire the entry by TTL.
            publishFailures.incrementAndGet();
            LOG.warn("Could not publish the change of {} {} in {} (config-version {}): {}", table, id, scope, version,
                    e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopped = new CountDownLatch(1);
        subscriber = new Thread(this::subscribeLoop, "config-changes-subscriber");
        subscriber.setDaemon(true);
        subscriber.start();
        watchdog = new Thread(this::watchLoop, "config-changes-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Waits until the subscription is up; for start-up and tests. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!subscribed) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        dropConnection();
        watchdog.interrupt();
        subscriber.interrupt();
        stopped.await(5, TimeUnit.SECONDS);
        subscribed = false;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Closes the subscriber connection, as the watchdog does; the loop reconnects. Visible for tests. */
    void dropConnection() {
        Jedis jedis = connection;
        if (jedis != null) {
            try {
                jedis.disconnect();
            } catch (RuntimeException e) {
                LOG.debug("closing the config-changes connection: {}", e.getMessage());
            }
        }
    }

    private void subscribeLoop() {
        Duration backoff = MIN_BACKOFF;
        try {
            while (running) {
                try (Jedis jedis = new Jedis(address, clientConfig)) {
                    connection = jedis;
                    if (!running) {
                        break;
                    }
                    JedisPubSub pubSub = new Subscription();
                    current = pubSub;
                    lastPong = System.nanoTime();
                    jedis.psubscribe(pubSub, pattern());
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.warn("Config-change subscription to {} lost: {}; retrying in {} ms", address, e.getMessage(),
                                backoff.toMillis());
                    }
                } finally {
                    boolean wasSubscribed = subscribed;
                    subscribed = false;
                    connection = null;
                    current = null;
                    if (wasSubscribed) {
                        backoff = MIN_BACKOFF;
                    }
                }
                if (running) {
                    try {
                        Thread.sleep(backoff.toMillis());
                    } catch (InterruptedException e) {
                        if (!running) {
                            break;
                        }
                    }
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    private void watchLoop() {
        while (running) {
            try {
                Thread.sleep(pingInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            JedisPubSub pubSub = current;
            if (!subscribed || pubSub == null) {
                continue;
            }
            if (System.nanoTime() - lastPong > pingInterval.multipliedBy(3).toNanos()) {
                LOG.warn("Config-change subscription to {} does not answer pings; reconnecting", address);
                dropConnection();
                continue;
            }
            try {
                pubSub.ping();
            } catch (RuntimeException e) {
                dropConnection();
            }
        }
    }

    private void deliver(ConfigChange change) {
        for (Listener listener : listeners) {
            try {
                listener.changed(change);
            } catch (RuntimeException e) {
                LOG.error("Config-change listener {} failed on {}", listener, change, e);
            }
        }
    }

    private void resynchronizeAll() {
        for (Listener listener : listeners) {
            try {
                listener.resynchronize();
            } catch (RuntimeException e) {
                LOG.error("Config-change listener {} failed to resynchronize", listener, e);
            }
        }
    }

    private final class Subscription extends JedisPubSub {

        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            // Anything sent while there was no subscription is lost: start from an empty cache.
            resynchronizeAll();
            lastPong = System.nanoTime();
            subscribed = true;
            if (subscriptions.incrementAndGet() > 1) {
                LOG.info("Config-change subscription to {} restored; configuration caches cleared", address);
            }
        }

        @Override
        public void onPong(String pattern) {
            lastPong = System.nanoTime();
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            received.incrementAndGet();
            lastPong = System.nanoTime();
            ConfigChange change = parse(message);
            if (change != null) {
                deliver(change);
            }
        }
    }

    private ConfigChange parse(String message) {
        try {
            JsonNode node = json.readTree(message);
            TenantScope scope = new TenantScope(Tenant.of(node.path("tenant").asText()),
                    node.path("context").asText().equals(DataContext.STAGING.label()) ? DataContext.STAGING : DataContext.PRODUCTION);
            return new ConfigChange(scope, node.path("table").asText(), node.path("id").asText(null),
                    node.path("version").asLong(), node.path("node").asText(null));
        } catch (Exception e) {
            // Unreadable: play safe and forget everything.
            LOG.warn("Unreadable config-change message '{}': {}; clearing configuration caches", message, e.getMessage());
            resynchronizeAll();
            return null;
        }
    }
}
