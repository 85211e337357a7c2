package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.collector.track.TrackService;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.install.TenantStateDao;
import org.opencdp.server.lock.RedisLeadership;
import org.opencdp.server.queue.BatchQueue;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.visit.VisitCloser;
import org.opencdp.server.visit.VisitClosing;
import org.opencdp.server.worker.BatchConsumer;
import org.opencdp.server.worker.BatchGroupProcessor;
import org.opencdp.server.worker.BatchProcessor;
import org.opencdp.server.worker.ProfileMapping;
import org.opencdp.server.worker.UserAgentSessionEnricher;

/**
 * Background processing: consumes the batch topic with a shared-by-key subscription and processes each
 * batch. The role serves only the admin port and publishes its heartbeat.
 */
public final class WorkerContext implements RoleContext {

    private final Backends backends;
    private final Pipeline pipeline;

    public WorkerContext(Backends backends, Pipeline pipeline) {
        this.backends = backends;
        this.pipeline = pipeline;
    }

    @Override
    public void register(Environment environment) {
        backends.mysql();
        TracardiConfiguration config = backends.config();
        ProfileMapping mapping = config.features().eventToProfileMapping() ? pipeline.profileMapping() : ProfileMapping.NONE;
        BatchProcessor processor = new BatchProcessor(pipeline.json(), pipeline.locks(), pipeline.batchStorage(),
                pipeline.failedEvents(), pipeline.completions(),
                new UserAgentSessionEnricher(pipeline.userAgents()), mapping, pipeline.batchFlows(), config.features(),
                config.identity().hashedIds() ? new HashedIds(config.identity().mergingSalt()) : null,
                new org.opencdp.server.profile.ProfileIdMap(backends.redis()), pipeline.node(),
                pipeline.clock());
        BatchGroupProcessor groups = new BatchGroupProcessor(processor, pipeline.batchStorage(), pipeline.locks(),
                pipeline.completions(), pipeline.batchFlows());
        BatchConsumer consumer = new BatchConsumer(pipeline.json(), processor, pipeline.failedEvents(), pipeline.completions(),
                groups, config.worker().batchesPerThread());
        environment.lifecycle().manage(new BatchSubscription(pipeline.queue(), consumer,
                BatchQueue.ConsumerOptions.defaults(config.worker().threads(), config.worker().maxAttempts(), consumer)));
        if (config.features().visitEnded()) {
            environment.lifecycle().manage(visitCloser(config));
        }
        environment.lifecycle().manage(new HeartbeatLoop(backends.redis(), Role.WORKER));
    }

    /**
     * The worker's subscription to the batch topic, opened when the role starts and closed when it stops. Closing
     * hands the unacknowledged batches back to the broker, which redelivers them to the next consumer; a stopped
     * subscription can be started again (the benchmark pauses the worker this way to measure the collector alone).
     */
    public static final class BatchSubscription implements Managed {

        private final BatchQueue queue;
        private final BatchConsumer consumer;
        private final BatchQueue.ConsumerOptions options;
        private BatchQueue.Subscription subscription;

        BatchSubscription(BatchQueue queue, BatchConsumer consumer, BatchQueue.ConsumerOptions options) {
            this.queue = queue;
            this.consumer = consumer;
            this.options = options;
        }

        @Override
        public synchronized void start() {
            if (subscription == null) {
                subscription = queue.subscribe(TrackService.BATCHES_TOPIC, "workers", consumer, options);
            }
        }

        @Override
        public synchronized void stop() {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
    }

    /** The leader-elected visit closer over the configured tenant, or every active tenant when multi-tenant. */
    private VisitCloser visitCloser(TracardiConfiguration config) {
        Duration closeAfter = config.features().closeVisitAfter();
        VisitClosing closing = new VisitClosing(pipeline.locks(), pipeline.sessions(), pipeline.events(), closeAfter,
                pipeline.node());
        TenantStateDao tenants = new TenantStateDao(backends.mysql().jdbi());
        Supplier<List<TenantScope>> scopes = () -> {
            List<Tenant> active = config.tenancy().multiTenant() ? tenants.active()
                    : List.of(Tenant.of(config.tenancy().tenantName()));
            List<TenantScope> both = new ArrayList<>();
            active.forEach(tenant -> {
                both.add(TenantScope.production(tenant));
                both.add(TenantScope.staging(tenant));
            });
            return both;
        };
        return new VisitCloser(new RedisLeadership(backends.redis(), "visit-closer", VisitCloser.lease(closeAfter)),
                pipeline.sessions(), closing, scopes, closeAfter, pipeline.clock());
    }
}
