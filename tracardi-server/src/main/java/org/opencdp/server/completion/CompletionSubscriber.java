package org.opencdp.server.completion;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.opencdp.server.config.RedisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The one thread per process that listens on the completion channel. SUBSCRIBE holds its connection for good,
 * so it uses a dedicated connection rather than one of the pool's. It reconnects with backoff for as long as it
 * runs, and reports every (re)subscription: notifications published while it was away are lost, so the owner
 * must then re-read the records it still awaits.
 */
final class CompletionSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionSubscriber.class);
    private static final long FIRST_BACKOFF_MS = 100;

    private final Supplier<Jedis> connections;
    private final String channel;
    private final Consumer<String> onMessage;
    private final Runnable onSubscribed;
    private final Settings settings;
    private final ScheduledExecutorService heartbeats;
    private final Object writeLock = new Object();
    private final Thread thread;

    private volatile boolean running;
    private volatile Jedis connection;
    private volatile Listener listener;
    private volatile long connectionId = -1;
    private volatile CountDownLatch subscribed = new CountDownLatch(1);
    private ScheduledFuture<?> heartbeat;

    /**
     * Tunables; {@code beforeReconnect} runs on the subscriber thread after a connection was lost, before the
     * backoff (tests hold the reconnection there to lose a notification on purpose).
     */
    record Settings(Duration heartbeat, Duration maxBackoff, Runnable beforeReconnect) {
        static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), () -> { });
        }
    }

    CompletionSubscriber(Supplier<Jedis> connections, String channel, Consumer<String> onMessage, Runnable onSubscribed,
                         Settings settings, ScheduledExecutorService heartbeats) {
        this.connections = connections;
        this.channel = channel;
        this.onMessage = onMessage;
        this.onSubscribed = onSubscribed;
        this.settings = settings;
        this.heartbeats = heartbeats;
        this.thread = new Thread(this::run, "completion-subscriber");
        this.thread.setDaemon(true);
    }

    /** Dedicated connections to the configured server, named so operators can tell them apart in CLIENT LIST. */
    static Supplier<Jedis> connections(RedisConfig config) {
        URI uri = config.serverUri();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .ssl(config.tls())
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(5_000)
                .clientName(config.keyPrefix() + "-completion-subscriber");
        if (!config.password().isBlank()) {
            client.password(config.password());
        }
        DefaultJedisClientConfig clientConfig = client.build();
        HostAndPort address = new HostAndPort(uri.getHost(), uri.getPort());
        return () -> new Jedis(address, clientConfig);
    }

    void start() {
        running = true;
        thread.start();
        long period = settings.heartbeat().toMillis();
        heartbeat = heartbeats.scheduleWithFixedDelay(this::checkAlive, period, period, TimeUnit.MILLISECONDS);
    }

    /** Ends the thread: closes its connection, which unblocks SUBSCRIBE, and waits for it to finish. */
    void stop(Duration wait) throws InterruptedException {
        running = false;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        // Repeated because the thread may be opening a new connection right now; it sees running == false
        // before its next SUBSCRIBE, or subscribes and is disconnected by the next round.
        long deadline = System.nanoTime() + wait.toNanos();
        while (thread.isAlive() && System.nanoTime() < deadline) {
            disconnect();
            thread.interrupt();
            thread.join(100);
        }
        if (thread.isAlive()) {
            LOG.warn("the completion subscriber did not stop within {}", wait);
        }
    }

    /** Waits until the channel is subscribed (again); for start-up checks and tests. */
    boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The server's id of the current connection, -1 when there is none; lets tests kill exactly this one. */
    long connectionId() {
        return connectionId;
    }

    boolean alive() {
        return thread.isAlive();
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MS;
        boolean outage = false;
        while (running) {
            Listener current = new Listener();
            String failure = null;
            try {
                Jedis jedis = connections.get();
                synchronized (writeLock) {
                    connection = jedis;
                    listener = current;
                }
                connectionId = jedis.clientId();
                if (running) {
                    jedis.subscribe(current, channel);
                }
            } catch (RuntimeException e) {
                failure = e.toString();
            } finally {
                closeConnection();
            }
            if (!running) {
                break;
            }
            if (current.confirmed) {
                backoff = FIRST_BACKOFF_MS;
                outage = false;
            }
            // One warning per outage, not one per attempt.
            if (!outage) {
                LOG.warn("completion channel {} lost ({}); reconnecting", channel, failure == null ? "unsubscribed" : failure);
                outage = true;
            } else {
                LOG.debug("completion channel {} still unreachable: {}", channel, failure);
            }
            subscribed = new CountDownLatch(1);
            settings.beforeReconnect().run();
            try {
                Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
            backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
        }
    }

    /**
     * SUBSCRIBE disables the socket timeout, so a half-open connection would never fail by itself: ping it, and
     * drop it when nothing came back for three periods.
     */
    private void checkAlive() {
        Listener current = listener;
        if (current == null || !current.confirmed) {
            return;
        }
        long silentMs = (System.nanoTime() - current.lastSeen) / 1_000_000;
        if (silentMs > 3 * settings.heartbeat().toMillis()) {
            LOG.warn("completion channel {} silent for {} ms; reconnecting", channel, silentMs);
            disconnect();
            return;
        }
        synchronized (writeLock) {
            try {
                if (listener == current) {
                    current.ping();
                }
            } catch (RuntimeException e) {
                LOG.debug("ping on the completion channel failed: {}", e.toString());
            }
        }
    }

    private void disconnect() {
        synchronized (writeLock) {
            Jedis jedis = connection;
            if (jedis != null) {
                try {
                    jedis.disconnect();
                } catch (RuntimeException e) {
                    LOG.debug("closing the completion subscriber's connection: {}", e.toString());
                }
            }
        }
    }

    private void closeConnection() {
        synchronized (writeLock) {
            listener = null;
            connectionId = -1;
            Jedis jedis = connection;
            connection = null;
            if (jedis != null) {
                try {
                    jedis.close();
                } catch (RuntimeException e) {
                    LOG.debug("closing the completion subscriber's connection: {}", e.toString());
                }
            }
        }
    }

    /** One connection's subscription. */
    private final class Listener extends JedisPubSub {
        volatile boolean confirmed;
        volatile long lastSeen = System.nanoTime();

        @Override
        public void onSubscribe(String name, int subscribedChannels) {
            lastSeen = System.nanoTime();
            confirmed = true;
            LOG.info("listening for completed batches on {}", name);
            onSubscribed.run();
            subscribed.countDown();
        }

        @Override
        public void onMessage(String name, String message) {
            lastSeen = System.nanoTime();
            onMessage.accept(message);
        }

        @Override
        public void onPong(String pattern) {
            lastSeen = System.nanoTime();
            LOG.trace("pong on the completion channel");
        }
    }
}
