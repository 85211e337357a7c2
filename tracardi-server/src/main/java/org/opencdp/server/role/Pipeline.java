package org.opencdp.server.role;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.completion.RedisCompletionRecords;
import org.opencdp.server.enrichment.UserAgentParser;
import org.opencdp.server.lock.RedisProfileLocks;
import org.opencdp.server.mapping.EventToProfileMapper;
import org.opencdp.server.mapping.EventToProfileMappingCache;
import org.opencdp.server.mapping.EventToProfileMappingDao;
import org.opencdp.server.queue.BatchQueue;
import org.opencdp.server.queue.PulsarBatchQueue;
import org.opencdp.server.session.RedisSessionBindings;
import org.opencdp.server.source.ConfigChangeBus;
import org.opencdp.server.source.EventSourceCache;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.source.SourceCheck;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.EventStore;
import org.opencdp.server.storage.elastic.FailedEventStore;
import org.opencdp.server.storage.elastic.PartitionRegistry;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.SessionStore;

/**
 * The services of the collection pipeline shared by the contexts of one role (collector, worker, or both in
 * all-in-one), built on first use from the role's {@link Backends} so a role builds only what it uses.
 */
public final class Pipeline {

    private org.opencdp.server.workflow.WorkflowEngine workflows;
    private org.opencdp.server.worker.BatchFlows batchFlows;
    private org.opencdp.server.merge.Merging merging;
    private org.opencdp.server.workflow.plugins.StoreLookups workflowLookups;

    private final Backends backends;
    private final Environment environment;
    private final ObjectMapper json;
    private final String node;
    private PartitionRegistry partitions;
    private ProfileStore profiles;
    private SessionStore sessions;
    private EventStore events;
    private BatchStorage batchStorage;
    private FailedEventStore failedEvents;
    private RedisSessionBindings sessionBindings;
    private RedisProfileLocks locks;
    private RedisCompletionRecords completions;
    private ConfigChangeBus configChanges;
    private SourceCheck sourceCheck;
    private UserAgentParser userAgents;
    private PulsarBatchQueue queue;
    private EventToProfileMapper profileMapping;

    public Pipeline(Backends backends, Environment environment) {
        this.backends = backends;
        this.environment = environment;
        this.json = environment.getObjectMapper();
        this.node = ManagementFactory.getRuntimeMXBean().getName();
    }

    public TracardiConfiguration config() { return backends.config(); }
    public ObjectMapper json() { return json; }
    public String node() { return node; }
    public Clock clock() { return Clock.systemUTC(); }

    public synchronized PartitionRegistry partitions() {
        if (partitions == null) {
            partitions = new PartitionRegistry(backends.elastic(), config().storage().partitioning(), json);
        }
        return partitions;
    }

    public synchronized ProfileStore profiles() {
        if (profiles == null) {
            profiles = new ProfileStore(backends.elastic(), partitions(), json);
        }
        return profiles;
    }

    public synchronized SessionStore sessions() {
        if (sessions == null) {
            sessions = new SessionStore(backends.elastic(), partitions(), json);
        }
        return sessions;
    }

    public synchronized EventStore events() {
        if (events == null) {
            events = new EventStore(backends.elastic(), partitions(), json);
        }
        return events;
    }

    /** The worker's combined reads and writes (group commit over the batches processed at the same time). */
    public synchronized BatchStorage batchStorage() {
        if (batchStorage == null) {
            BatchStorage created = new BatchStorage(backends.elastic(), partitions(), json);
            environment.lifecycle().manage(new Managed() {
                @Override
                public void start() {
                }

                @Override
                public void stop() {
                    created.close();
                }
            });
            batchStorage = created;
        }
        return batchStorage;
    }

    public synchronized FailedEventStore failedEvents() {
        if (failedEvents == null) {
            failedEvents = new FailedEventStore(backends.elastic(), partitions(), json, clock());
        }
        return failedEvents;
    }

    public synchronized RedisSessionBindings sessionBindings() {
        if (sessionBindings == null) {
            sessionBindings = new RedisSessionBindings(backends.redis(), config().cache().sessionTtl());
        }
        return sessionBindings;
    }

    public synchronized RedisProfileLocks locks() {
        if (locks == null) {
            locks = manage(new RedisProfileLocks(backends.redis(), config().locks().lease(), config().locks().waitTimeout()));
        }
        return locks;
    }

    public synchronized RedisCompletionRecords completions() {
        if (completions == null) {
            completions = manage(new RedisCompletionRecords(backends.redis(), config().redis()));
        }
        return completions;
    }

    public synchronized SourceCheck sourceCheck() {
        if (sourceCheck == null) {
            ConfigChangeBus bus = configChanges();
            EventSourceDao dao = new EventSourceDao(backends.mysql().jdbi(), json, bus);
            sourceCheck = new SourceCheck(new EventSourceCache(dao, bus, config().cache().configTtl()),
                    config().collector());
        }
        return sourceCheck;
    }

    /** Steps P10–P12: built-in event types and the tenant's cached custom mappings (processing §7). */
    public synchronized EventToProfileMapper profileMapping() {
        if (profileMapping == null) {
            ConfigChangeBus bus = configChanges();
            EventToProfileMappingDao dao = new EventToProfileMappingDao(backends.mysql().jdbi(), json, bus);
            profileMapping = new EventToProfileMapper(new EventToProfileMappingCache(dao, bus, config().cache().configTtl()),
                    clock());
        }
        return profileMapping;
    }

    /** The workflow engine with every built-in action and the configured run budgets. */
    public synchronized org.opencdp.server.workflow.WorkflowEngine workflows() {
        if (workflows == null) {
            workflows = org.opencdp.server.workflow.WorkflowEngine.builtin(clock(), new org.opencdp.server.workflow.RedisPluginMemory(
                    backends.redis(), org.opencdp.server.storage.Tenant.of(config().tenancy().tenantName())), config().workflow(),
                    workflowLookups());
        }
        return workflows;
    }

    /**
     * The read-only store lookups of the built-in actions (profiles and events in Elasticsearch, resources and consent
     * types in MySQL), shared by the worker's engine and the debug engine.
     */
    public synchronized org.opencdp.server.workflow.plugins.StoreLookups workflowLookups() {
        if (workflowLookups == null) {
            var data = new org.opencdp.server.storage.elastic.DataIndex(backends.elastic(), json);
            ConfigChangeBus bus = configChanges();
            var jdbi = backends.mysql().jdbi();
            var resources = new java.util.function.Supplier<org.opencdp.server.resource.ResourceService>() {
                private org.opencdp.server.resource.ResourceService service;

                @Override
                public synchronized org.opencdp.server.resource.ResourceService get() {
                    if (service == null) {
                        service = new org.opencdp.server.resource.ResourceService(new org.opencdp.server.storage.mysql.ConfigTable<>(
                                jdbi, json, bus, org.opencdp.server.resource.ResourceService.SPEC),
                                new org.opencdp.server.resource.CredentialCipher(config().security().secretKeyBytes()), json);
                    }
                    return service;
                }
            };
            workflowLookups = new org.opencdp.server.workflow.plugins.StoreLookups(
                    new org.opencdp.server.workflow.lookup.ElasticProfileLookup(profiles(), data),
                    new org.opencdp.server.workflow.lookup.ElasticEventHistory(data),
                    new org.opencdp.server.workflow.lookup.StoredResourceLookup(resources),
                    new org.opencdp.server.workflow.lookup.StoredConsentTypeLookup(new org.opencdp.server.storage.mysql.ConfigTable<>(
                            jdbi, json, bus, org.opencdp.server.consent.ConsentTypeResource.SPEC)));
        }
        return workflowLookups;
    }

    /** Workflows and post-event segmentation of the worker (steps P13–P15), on cached rules, flows and segments. */
    public synchronized org.opencdp.server.worker.BatchFlows batchFlows() {
        if (batchFlows == null) {
            ConfigChangeBus bus = configChanges();
            var definitions = new org.opencdp.server.workflow.rules.WorkflowDefinitions(
                    new org.opencdp.server.workflow.rules.WorkflowDefinitionsDao(backends.mysql().jdbi(), json), bus);
            var segments = new org.opencdp.server.workflow.rules.SegmentDefinitions(backends.mysql().jdbi(), json, bus);
            batchFlows = new org.opencdp.server.worker.BatchFlows(
                    new org.opencdp.server.worker.WorkflowStep(definitions, workflows(), clock()),
                    new org.opencdp.server.worker.WorkflowMergeStep(merging().service(), locks(), batchStorage()),
                    new org.opencdp.server.worker.SegmentationStep(segments, clock()), config().features(),
                    new org.opencdp.server.workflow.ConsoleLogWriter(backends.elastic(), partitions(), json));
        }
        return batchFlows;
    }

    /**
     * The one configuration-change subscription of this node, shared by every configuration cache; writers of
     * configuration publish on it so caches drop the row on every node.
     */
    public synchronized ConfigChangeBus configChanges() {
        if (configChanges == null) {
            configChanges = manage(new ConfigChangeBus(backends.redis().jedis(), config().redis(), node));
        }
        return configChanges;
    }

    public synchronized UserAgentParser userAgents() {
        if (userAgents == null) {
            userAgents = new UserAgentParser();
        }
        return userAgents;
    }

    public synchronized BatchQueue queue() {
        if (queue == null) {
            PulsarBatchQueue created = PulsarBatchQueue.of(backends.queue(), config());
            environment.lifecycle().manage(new Managed() {
                @Override
                public void start() {
                    // Warm the producer so the first requests do not pay for its creation (and time out).
                    created.prepare("batches");
                }

                @Override
                public void stop() {
                    created.close();
                }
            });
            queue = created;
        }
        return queue;
    }

    /** Profile merging (processing §10): the service the worker, the private API and the APM pass share. */
    public synchronized org.opencdp.server.merge.Merging merging() {
        if (merging == null) {
            merging = new org.opencdp.server.merge.Merging(new org.opencdp.server.merge.Merging.Stores(backends.elastic(),
                    backends.mysql(), backends.redis(), profiles(), sessionBindings(), locks(), json), config().identity(),
                    environment.metrics(), clock());
        }
        return merging;
    }

    private <T extends Managed> T manage(T managed) {
        environment.lifecycle().manage(managed);
        return managed;
    }
}
