package org.opencdp.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import org.elasticsearch.client.Request;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.enrichment.UserAgentParser;
import org.opencdp.server.lock.RedisProfileLocks;
import org.opencdp.server.merge.Merging;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.session.RedisSessionBindings;
import org.opencdp.server.source.ConfigChangeBus;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.MapCompletionRecords;
import org.opencdp.server.testing.WorkerStores;
import org.opencdp.server.testing.PrivateApiFixture;
import org.opencdp.server.worker.BatchFlows;
import org.opencdp.server.worker.BatchProcessor;
import org.opencdp.server.worker.ProfileMapping;
import org.opencdp.server.worker.UserAgentSessionEnricher;
import org.opencdp.server.worker.WorkflowMergeStep;
import org.opencdp.server.worker.WorkflowStep;
import org.opencdp.server.workflow.plugin.InMemoryPluginMemory;
import org.opencdp.server.workflow.plugins.StoreLookups;
import org.opencdp.server.workflow.rules.WorkflowDefinitions;
import org.opencdp.server.workflow.rules.WorkflowDefinitionsDao;

/**
 * The workflow merge (P14) in a worker built on the real stores, fed a batch record directly so the very same batch
 * can be delivered again: once with its completion record, once after the record was lost.
 */
class WorkflowMergeReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TenantScope SCOPE = DataSeed.TRACKED;
    private static final Clock CLOCK = Clock.systemUTC();
    private static PrivateApiFixture api;
    private static WorkerStores stores;
    private static ElasticStore elastic;
    private static BatchStorage storage;
    private static ProfileStore profiles;
    private static DataIndex data;
    private static BatchProcessor processor;

    private static final MapCompletionRecords RECORDS = new MapCompletionRecords();
    private static final Map<String, String> completions = RECORDS.records();

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("wfreplay");
        var config = api.config();
        stores = WorkerStores.open(config, JSON, CLOCK);
        elastic = stores.elastic();
        storage = stores.storage();
        profiles = stores.profiles();
        data = stores.data();
        RedisStore redis = stores.redis();
        RedisProfileLocks locks = stores.locks();
        Merging merging = new Merging(new Merging.Stores(elastic, api.mysql(), redis, profiles,
                new RedisSessionBindings(redis, config.cache().sessionTtl()), locks, JSON), config.identity(),
                new MetricRegistry(), CLOCK);
        // Never started: without its subscription the definitions are read from MySQL every time, which suits a test.
        var bus = new ConfigChangeBus(redis.jedis(), config.redis(), "replay-test");
        var engine = WorkflowEngine.builtin(CLOCK, new InMemoryPluginMemory(CLOCK), config.workflow(), StoreLookups.unavailable());
        var flows = new BatchFlows(new WorkflowStep(new WorkflowDefinitions(new WorkflowDefinitionsDao(api.mysql().jdbi(), JSON), bus),
                engine, CLOCK), new WorkflowMergeStep(merging.service(), locks, storage), null, config.features(), null);
        processor = new BatchProcessor(JSON, locks, storage, stores.failedEvents(), RECORDS,
                new UserAgentSessionEnricher(new UserAgentParser()), ProfileMapping.NONE, flows, config.features(),
                config.identity().hashedIds() ? new HashedIds(config.identity().mergingSalt()) : null,
                new ProfileIdMap(redis), "replay-test", CLOCK);
        new ChainFlow("merge")
                .then("CopyTraitAction", "{\"traits\": {\"set\": {\"profile@data.contact.email.main\": \"event@properties.email\"}}}", "payload")
                .then("MergeProfilesAction", "{\"mergeBy\": [\"profile@data.contact.email.main\"]}", "payload")
                .deploy(api.mysql().jdbi(), "merge-me", DataSeed.SOURCE);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable open : new AutoCloseable[] {stores, api}) {
            if (open != null) {
                open.close();
            }
        }
    }

    @Test
    void aRedeliveredMergeBatchChangesNothing() throws Exception {
        ObjectNode older = ProfileDocument.create(UUID.randomUUID().toString(), Instant.now().minus(Duration.ofDays(3))).json();
        older.with("data").with("contact").with("email").put("main", "replay@example.com");
        older.with("stats").put("views", 4);
        profiles.tryCreate(SCOPE, older, Refresh.WAIT_FOR);
        String olderId = older.path("id").asText();
        String newId = UUID.randomUUID().toString();
        BatchRecord batch = batch(newId, "replay@example.com");

        processor.process(batch);

        JsonNode outcome = JSON.readTree(completions.get(batch.batchId()));
        assertThat(outcome.path("profile_id").asText()).isEqualTo(olderId);
        assertThat(profiles.get(SCOPE, newId)).isEmpty();
        Versioned<ObjectNode> survivor = profiles.get(SCOPE, olderId).orElseThrow();
        assertThat(survivor.document().path("ids").toString()).contains(newId);
        assertThat(ProfileDocument.of(survivor.document().deepCopy()).hasAppliedBatch(batch.batchId())).isTrue();
        String eventId = batch.events().get(0).id();
        data.refresh(SCOPE, IndexKind.EVENT);
        assertThat(data.findById(SCOPE, IndexKind.EVENT, eventId).orElseThrow().source().path("profile").path("id").asText())
                .isEqualTo(olderId);
        long events = eventsOf(olderId);
        assertThat(events).isGreaterThanOrEqualTo(1);
        JsonNode session = data.findById(SCOPE, IndexKind.SESSION, batch.resolution().sessionId()).orElseThrow().source();
        assertThat(session.path("profile").path("id").asText()).isEqualTo(olderId);

        processor.process(batch);
        assertThat(profiles.get(SCOPE, olderId).orElseThrow().seqNo()).isEqualTo(survivor.seqNo());

        completions.remove(batch.batchId());
        processor.process(batch);
        assertThat(profiles.get(SCOPE, olderId).orElseThrow().seqNo()).isEqualTo(survivor.seqNo());
        assertThat(profiles.get(SCOPE, newId)).isEmpty();
        assertThat(JSON.readTree(completions.get(batch.batchId())).path("profile_id").asText()).isEqualTo(olderId);
        assertThat(eventsOf(olderId)).isEqualTo(events);
    }

    /**
     * Events, session and profile go out in one bulk, which is not atomic. A batch whose session write was lost (here:
     * the stored session deleted) and whose profile holds it already is redone for the session alone on redelivery.
     */
    @Test
    void aRedeliveryThatFindsOnlyTheProfileUpdatedRedoesTheSessionAlone() throws Exception {
        String profileId = UUID.randomUUID().toString();
        BatchRecord batch = batch(profileId, "no-merge@example.com", "page-view");
        processor.process(batch);
        Versioned<ObjectNode> profile = profiles.get(SCOPE, profileId).orElseThrow();
        String sessionId = batch.resolution().sessionId();
        DataIndex.Hit session = data.findById(SCOPE, IndexKind.SESSION, sessionId).orElseThrow();
        assertThat(SessionDocument.of(session.source()).hasAppliedBatch(batch.batchId())).isTrue();
        long events = eventsOf(profileId);

        elastic.lowLevel().performRequest(new Request("DELETE", "/" + session.index() + "/_doc/" + sessionId + "?refresh=true"));
        completions.remove(batch.batchId());
        processor.process(batch);

        Versioned<ObjectNode> after = profiles.get(SCOPE, profileId).orElseThrow();
        assertThat(after.seqNo()).isEqualTo(profile.seqNo());
        assertThat(after.document().path("stats").path("visits").path("count").asLong())
                .isEqualTo(profile.document().path("stats").path("visits").path("count").asLong());
        ObjectNode redone = data.findById(SCOPE, IndexKind.SESSION, sessionId).orElseThrow().source();
        assertThat(redone.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(SessionDocument.of(redone).hasAppliedBatch(batch.batchId())).isTrue();
        assertThat(eventsOf(profileId)).isEqualTo(events);

        // Now both hold it: a further redelivery writes nothing.
        completions.remove(batch.batchId());
        Instant start = Times.parse(batch.resolution().sessionStart()).orElseThrow();
        long sessionSeqNo = storage.load(SCOPE, null, sessionId, start).session().orElseThrow().seqNo();
        processor.process(batch);
        assertThat(profiles.get(SCOPE, profileId).orElseThrow().seqNo()).isEqualTo(profile.seqNo());
        assertThat(storage.load(SCOPE, null, sessionId, start).session().orElseThrow().seqNo()).isEqualTo(sessionSeqNo);
    }

    private static long eventsOf(String profileId) {
        data.refresh(SCOPE, IndexKind.EVENT);
        ObjectNode query = JSON.createObjectNode();
        query.putObject("term").put("profile.id", profileId);
        return data.count(SCOPE, IndexKind.EVENT, query);
    }

    /** A first-visit batch of a new profile and session with one merge-me event. */
    private static BatchRecord batch(String profileId, String email) {
        return batch(profileId, email, "merge-me");
    }

    private static BatchRecord batch(String profileId, String email, String eventType) {
        String now = Times.format(CLOCK.instant());
        ObjectNode properties = JSON.createObjectNode().put("email", email);
        return new BatchRecord(UUID.randomUUID().toString(), SCOPE.tenant().toString(), false, now,
                new BatchRecord.Source(DataSeed.SOURCE, List.of("rest"), "Web", false), "127.0.0.1", Map.of(), false, null,
                JSON.createObjectNode(), JSON.createObjectNode(),
                new BatchRecord.Resolution(UUID.randomUUID().toString(), false, now, profileId, false, false),
                List.of(new BatchRecord.EventRecord(UUID.randomUUID().toString(), eventType, now, null, properties,
                        JSON.createObjectNode(), null, List.of())), false, false, null);
    }
}
