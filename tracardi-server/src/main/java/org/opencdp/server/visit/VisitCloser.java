package org.opencdp.server.visit;

import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.opencdp.server.lock.RedisLeadership;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticSchemaException;
import org.opencdp.server.storage.elastic.SessionStore;
import org.opencdp.server.storage.elastic.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's visit closer (processing §6, domain-model §14; {@code features.visitEnded}): every round, the node
 * that leads the job (a Redis lease, so one replica at a time) looks for sessions without a batch for
 * {@code features.closeVisitAfter} and closes each one through {@link VisitClosing}. A round closes at most
 * {@link #PER_ROUND} visits per scope; the next round continues where the backlog is.
 */
public final class VisitCloser implements Managed {

    static final int PER_ROUND = 200;
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(60);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(VisitCloser.class);

    private final RedisLeadership leadership;
    private final SessionStore sessions;
    private final VisitClosing closing;
    private final Supplier<List<TenantScope>> scopes;
    private final Duration closeAfter;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    /** @param scopes the scopes to look at, asked every round (the active tenants, both contexts) */
    public VisitCloser(RedisLeadership leadership, SessionStore sessions, VisitClosing closing,
                       Supplier<List<TenantScope>> scopes, Duration closeAfter, Clock clock) {
        this.leadership = leadership;
        this.sessions = sessions;
        this.closing = closing;
        this.scopes = scopes;
        this.closeAfter = closeAfter;
        this.interval = interval(closeAfter);
        this.clock = clock;
    }

    /** How often a round runs: a quarter of the inactivity time, between 0.5 s and 60 s. */
    static Duration interval(Duration closeAfter) {
        Duration quarter = closeAfter.dividedBy(4);
        if (quarter.compareTo(MIN_INTERVAL) < 0) {
            return MIN_INTERVAL;
        }
        return quarter.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : quarter;
    }

    /** The leader lease: long enough to survive a slow round, short enough for another node to take over soon. */
    public static Duration lease(Duration closeAfter) {
        return interval(closeAfter).multipliedBy(3);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "visit-closer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }
        try {
            leadership.resign();
        } catch (RuntimeException e) {
            LOG.debug("visit closer: leadership not given up ({}); it expires", e.getMessage());
        }
    }

    /** One round; returns how many visits it closed (0 when another node leads). */
    int round() {
        int closed = 0;
        try {
            if (!leadership.lead()) {
                return 0;
            }
            for (TenantScope scope : scopes.get()) {
                closed += closeInactive(scope);
            }
        } catch (RuntimeException e) {
            // A backend outage: the next round tries again.
            LOG.warn("visit closer round failed: {}", e.toString());
        }
        return closed;
    }

    private int closeInactive(TenantScope scope) {
        Instant now = clock.instant();
        List<? extends Versioned<?>> inactive;
        try {
            inactive = sessions.inactiveSince(scope, now.minus(closeAfter), PER_ROUND);
        } catch (ElasticSchemaException e) {
            return 0; // this context has no session index yet
        }
        int closed = 0;
        for (Versioned<?> session : inactive) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                if (closing.close(scope, session, now)) {
                    closed++;
                }
            } catch (TransientQueueException e) {
                LOG.debug("visit of session {} not closed this round: {}", session.id(), e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.warn("visit of session {} not closed: {}", session.id(), e.getMessage());
            }
        }
        if (closed > 0) {
            LOG.info("visit closer: {} visits closed in {}", closed, scope);
        }
        return closed;
    }
}
