package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.opencdp.server.collector.HealthcheckEchoResource;
import org.opencdp.server.collector.TrackerScriptResource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.collector.bench.NoopTrackResource;
import org.opencdp.server.collector.http.CollectorCorsFilter;
import org.opencdp.server.collector.track.Admission;
import org.opencdp.server.collector.track.BackendUnavailableMappers;
import org.opencdp.server.collector.track.CollectorExceptionMappers;
import org.opencdp.server.collector.track.IdentityResolver;
import org.opencdp.server.collector.track.TrackPayloadParser;
import org.opencdp.server.collector.track.TrackResource;
import org.opencdp.server.collector.track.TrackService;
import org.opencdp.server.collector.webhook.WebhookBridge;
import org.opencdp.server.collector.webhook.WebhookResource;
import org.opencdp.server.queue.BatchQueue;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/**
 * The public collection endpoints: everything the internet-facing collector role serves.
 */
public final class CollectorContext implements RoleContext {

    /** The public collection paths (collector-api §1), which get the collector's CORS rules. */
    static final String[] COLLECTION_PATHS = {"/track", "/track/*", "/collect/*", "/redirect/*", "/customer/consent",
        "/customer/consent/*", "/healthcheck", "/healthcheck/*", "/tracker", "/tracker/*", "/consents/type/enabled",
        "/consents/type/ids"};

    private final Backends backends;
    private final Pipeline pipeline;

    public CollectorContext(Backends backends, Pipeline pipeline) {
        this.backends = backends;
        this.pipeline = pipeline;
    }

    @Override
    public void register(Environment environment) {
        // Open every store the collection path uses, so health reflects what collection depends on.
        backends.mysql();
        backends.elastic();
        backends.redis();
        backends.queue();
        environment.servlets().addFilter("collector-cors", new CollectorCorsFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, COLLECTION_PATHS);
        environment.jersey().register(new HealthcheckEchoResource(environment.getObjectMapper()));
        environment.jersey().register(new TrackerScriptResource(backends.config().collector().tracker().directory()));
        registerTrack(environment);
        registerConsentLists(environment);
    }

    /** {@code /consents/type/enabled} and {@code /consents/type/ids}: public, read-only (D16). */
    private void registerConsentLists(Environment environment) {
        TracardiConfiguration config = backends.config();
        environment.jersey().register(new org.opencdp.server.api.RequestScope(Tenant.of(config.tenancy().tenantName()),
                config.context().production()));
        environment.jersey().register(new org.opencdp.server.consent.PublicConsentListsResource(
                new org.opencdp.server.storage.mysql.ConfigTable<>(backends.mysql().jdbi(), pipeline.json(),
                        pipeline.configChanges(), org.opencdp.server.consent.ConsentTypeResource.SPEC)));
    }

    private void registerTrack(Environment environment) {
        TracardiConfiguration config = backends.config();
        BatchQueue queue = pipeline.queue();
        Admission admission = new Admission(config.collector().backpressure(), queue::pendingSends,
                () -> queue.backlog(TrackService.BATCHES_TOPIC, "workers"));
        ScheduledExecutorService sampler = environment.lifecycle().scheduledExecutorService("backlog-sampler").threads(1).build();
        sampler.scheduleWithFixedDelay(admission::sampleBacklog, 0, 1, TimeUnit.SECONDS);
        ExecutorService responder = environment.lifecycle().executorService("track-responder-%d")
                .minThreads(2).maxThreads(2).build();
        IdentityResolver identities = new IdentityResolver(pipeline.sessionBindings(), pipeline.profiles(), pipeline.sessions(),
                pipeline.completions());
        TrackService service = new TrackService(pipeline.json(), config.collector(), pipeline.sourceCheck(),
                pipeline.userAgents(), identities, queue, pipeline.completions(), pipeline.clock());
        // A collector is locked to production; a private or all-in-one role with `context.production: no` collects
        // into staging, so flows can be tested there (private-api §4). The tenant is the configured one.
        Tenant tenant = Tenant.of(config.tenancy().tenantName());
        TenantScope scope = config.context().production() ? TenantScope.production(tenant) : TenantScope.staging(tenant);
        TrackPayloadParser parser = new TrackPayloadParser(pipeline.json(), config.collector().maxEventsPerRequest());
        environment.jersey().register(new TrackResource(service, parser, admission, config.collector(), scope, responder));
        if (config.collector().benchmarkEndpoint()) {
            // The benchmark's parse-only ceiling (tracardi-server/benchmarks); off unless asked for.
            environment.jersey().register(new NoopTrackResource(parser, config.collector()));
        }
        environment.jersey().register(new WebhookResource(service, admission, config.collector(), scope, responder, WebhookBridge.of(config.identity()), pipeline.json()));
        environment.jersey().register(new CollectorExceptionMappers.Validation());
        environment.jersey().register(new CollectorExceptionMappers.TooLarge());
        environment.jersey().register(new CollectorExceptionMappers.QueueUnavailable());
        environment.jersey().register(new BackendUnavailableMappers.Redis());
        environment.jersey().register(new BackendUnavailableMappers.Elastic());
        environment.jersey().register(new BackendUnavailableMappers.Sources());
    }
}
