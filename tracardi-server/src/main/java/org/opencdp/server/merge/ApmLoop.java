package org.opencdp.server.merge;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opencdp.server.lock.RedisLeadership;
import org.opencdp.server.storage.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code apm} role's loop (processing §10.7, operations §1): every {@code apm.pause} it runs an {@link ApmPass}
 * over each tenant × context this node leads. Leadership is a Redis lease per scope ({@code {prefix}:leader:apm:…}),
 * so with several replicas each scope has one active pass and the others stand by. With {@code apm.mode: job} it
 * runs a single pass shortly after start.
 */
public final class ApmLoop implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ApmLoop.class);

    private final ApmPass pass;
    private final Supplier<List<TenantScope>> scopes;
    private final Function<TenantScope, RedisLeadership> leadershipOf;
    private final Duration pause;
    private final boolean singlePass;
    private final Map<TenantScope, RedisLeadership> leaderships = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    /**
     * @param scopes       the scopes to merge in, asked before every round (tenants come and go)
     * @param leadershipOf the leader lease of one scope
     * @param pause        {@code apm.pause}, between the end of a round and the start of the next
     * @param singlePass   {@code apm.mode: job}
     */
    public ApmLoop(ApmPass pass, Supplier<List<TenantScope>> scopes, Function<TenantScope, RedisLeadership> leadershipOf,
                   Duration pause, boolean singlePass) {
        this.pass = pass;
        this.scopes = scopes;
        this.leadershipOf = leadershipOf;
        this.pause = pause;
        this.singlePass = singlePass;
    }

    /** The lease of a scope's leadership: outlives a slow round, yet a standby takes over soon after a crash. */
    public static Duration lease(Duration pause) {
        Duration tripled = pause.multipliedBy(3);
        return tripled.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : tripled;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "apm");
            thread.setDaemon(true);
            return thread;
        });
        if (singlePass) {
            scheduler.schedule(this::round, 1, TimeUnit.SECONDS);
        } else {
            scheduler.scheduleWithFixedDelay(this::round, pause.toMillis(), pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }
        leaderships.values().forEach(leadership -> {
            try {
                leadership.resign();
            } catch (RuntimeException e) {
                LOG.debug("apm leadership {} not given up ({}); it expires", leadership.key(), e.getMessage());
            }
        });
    }

    /** One round over every scope this node leads; returns how many merges it made. */
    int round() {
        int merges = 0;
        List<TenantScope> all;
        try {
            all = scopes.get();
        } catch (RuntimeException e) {
            LOG.warn("apm round skipped: the tenants could not be listed: {}", e.toString());
            return 0;
        }
        for (TenantScope scope : all) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                if (leaderships.computeIfAbsent(scope, leadershipOf).lead()) {
                    merges += pass.run(scope).merges();
                }
            } catch (RuntimeException e) {
                // A backend outage or a bad document: the next round tries again.
                LOG.warn("apm pass over {} failed: {}", scope, e.toString());
            }
        }
        if (singlePass) {
            LOG.info("apm job finished: {} merges", merges);
        }
        return merges;
    }
}
