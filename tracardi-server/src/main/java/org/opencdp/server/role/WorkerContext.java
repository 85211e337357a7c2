package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.collector.track.TrackService;
import org.opencdp.server.queue.BatchQueue;
import org.opencdp.server.worker.BatchConsumer;
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
        BatchProcessor processor = new BatchProcessor(pipeline.json(), pipeline.locks(), pipeline.profiles(),
                pipeline.sessions(), pipeline.events(), pipeline.failedEvents(), pipeline.completions(),
                new UserAgentSessionEnricher(pipeline.userAgents()), mapping, pipeline.batchFlows(), config.features(),
                pipeline.node(), pipeline.clock());
        BatchConsumer consumer = new BatchConsumer(pipeline.json(), processor, pipeline.failedEvents(), pipeline.completions());
        BatchQueue queue = pipeline.queue();
        environment.lifecycle().manage(new Managed() {
            private BatchQueue.Subscription subscription;

            @Override
            public void start() {
                subscription = queue.subscribe(TrackService.BATCHES_TOPIC, "workers", consumer,
                        BatchQueue.ConsumerOptions.defaults(config.worker().threads(), config.worker().maxAttempts(), consumer));
            }

            @Override
            public void stop() {
                if (subscription != null) {
                    subscription.close();
                }
            }
        });
        environment.lifecycle().manage(new HeartbeatLoop(backends.redis(), Role.WORKER));
    }
}
