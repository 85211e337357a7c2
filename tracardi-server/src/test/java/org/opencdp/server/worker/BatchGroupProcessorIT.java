package org.opencdp.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.enrichment.UserAgentParser;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.queue.HeldBackException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.MapCompletionRecords;
import org.opencdp.server.testing.WorkerStores;
import org.opencdp.server.testing.PrivateApiFixture;
import org.opencdp.server.testing.TestStack;

/**
 * Several batches carried by one worker thread ({@link BatchGroupProcessor}) on the real stores: each is stored
 * exactly once with the counters it would have had alone, a visitor's queued batches share one write of its profile
 * and session, a failure holds back only the later batches of its key, and a re-delivered group changes nothing.
 */
class BatchGroupProcessorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TenantScope SCOPE = DataSeed.TRACKED;
    private static final Clock CLOCK = Clock.systemUTC();
    private static PrivateApiFixture api;
    private static WorkerStores stores;
    private static ProfileStore profiles;
    private static DataIndex data;
    private static BatchGroupProcessor groups;

    private static final MapCompletionRecords RECORDS = new MapCompletionRecords();
    private static final Map<String, String> completions = RECORDS.records();

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("groups");
        stores = WorkerStores.open(api.config(), JSON, CLOCK);
        profiles = stores.profiles();
        data = stores.data();
        BatchProcessor processor = new BatchProcessor(JSON, stores.locks(), stores.storage(), stores.failedEvents(), RECORDS,
                new UserAgentSessionEnricher(new UserAgentParser()), ProfileMapping.NONE, BatchFlows.NONE,
                api.config().features(), null, new ProfileIdMap(stores.redis()), "groups-test", CLOCK);
        groups = new BatchGroupProcessor(processor, stores.storage(), stores.locks(), RECORDS, BatchFlows.NONE);
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
    void eachBatchOfAGroupIsStoredOnceAndARedeliveredGroupChangesNothing() throws Exception {
        List<BatchRecord> batches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batches.add(batch(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1 + i % 3));
        }

        assertThat(groups.processAll(batches)).containsOnlyNulls().hasSize(6);

        List<Long> seqNos = new ArrayList<>();
        for (BatchRecord batch : batches) {
            String profileId = batch.resolution().profileId();
            Versioned<ObjectNode> profile = profiles.get(SCOPE, profileId).orElseThrow();
            seqNos.add(profile.seqNo());
            assertThat(profile.document().path("metadata").path("time").path("visit").path("count").asLong()).isEqualTo(1);
            assertThat(ProfileDocument.of(profile.document().deepCopy()).hasAppliedBatch(batch.batchId())).isTrue();
            assertThat(JSON.readTree(completions.get(batch.batchId())).path("profile_id").asText()).isEqualTo(profileId);
            assertThat(pageViewsOf(profileId)).isEqualTo(batch.events().size());
            assertThat(data.findById(SCOPE, IndexKind.SESSION, batch.resolution().sessionId()).orElseThrow().source()
                    .path("profile").path("id").asText()).isEqualTo(profileId);
        }

        // Re-delivered with their completion records, then without: nothing is written again.
        assertThat(groups.processAll(batches)).containsOnlyNulls();
        batches.forEach(batch -> completions.remove(batch.batchId()));
        assertThat(groups.processAll(batches)).containsOnlyNulls();
        for (int i = 0; i < batches.size(); i++) {
            String profileId = batches.get(i).resolution().profileId();
            assertThat(profiles.get(SCOPE, profileId).orElseThrow().seqNo()).isEqualTo(seqNos.get(i));
            assertThat(pageViewsOf(profileId)).isEqualTo(batches.get(i).events().size());
            assertThat(completions).containsKey(batches.get(i).batchId());
        }
    }

    /** Two batches that meet on one profile (a merge since they were queued) must each see the other's writes. */
    @Test
    void batchesOfOneProfileInOneGroupAreBothApplied() throws Exception {
        String profileId = UUID.randomUUID().toString();
        BatchRecord first = batch(profileId, UUID.randomUUID().toString(), 2);
        BatchRecord second = batch(profileId, UUID.randomUUID().toString(), 3);
        BatchRecord other = batch(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1);

        assertThat(groups.processAll(List.of(first, other, second))).containsOnlyNulls().hasSize(3);

        ObjectNode profile = profiles.get(SCOPE, profileId).orElseThrow().document();
        assertThat(profile.path("metadata").path("time").path("visit").path("count").asLong()).isEqualTo(2);
        assertThat(ProfileDocument.of(profile.deepCopy()).hasAppliedBatch(first.batchId())).isTrue();
        assertThat(ProfileDocument.of(profile.deepCopy()).hasAppliedBatch(second.batchId())).isTrue();
        assertThat(pageViewsOf(profileId)).isEqualTo(5);
        assertThat(pageViewsOf(other.resolution().profileId())).isEqualTo(1);
    }

    /**
     * A visitor's batches queued one after another (one key, profile and session) go as one chain: each is applied
     * on top of the one before, all are counted, and the profile and session are written once.
     */
    @Test
    void aVisitorsQueuedBatchesAreAppliedInOrderWithOneWriteOfProfileAndSession() throws Exception {
        String profileId = UUID.randomUUID().toString();
        String sessionId = UUID.randomUUID().toString();
        List<BatchRecord> visitor = List.of(batch(profileId, sessionId, 1), batch(profileId, sessionId, 2),
                batch(profileId, sessionId, 3), batch(profileId, sessionId, 1));
        BatchRecord other = batch(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 2);
        List<BatchRecord> group = List.of(visitor.get(0), visitor.get(1), other, visitor.get(2), visitor.get(3));

        assertThat(groups.processAll(group)).containsOnlyNulls().hasSize(5);

        Versioned<ObjectNode> profile = profiles.get(SCOPE, profileId).orElseThrow();
        assertThat(versionOf("profile", profileId)).as("profile writes").isEqualTo(1);
        assertThat(versionOf("session", sessionId)).as("session writes").isEqualTo(1);
        assertThat(profile.document().path("metadata").path("time").path("visit").path("count").asLong()).isEqualTo(1);
        ObjectNode session = data.findById(SCOPE, IndexKind.SESSION, sessionId).orElseThrow().source();
        for (BatchRecord batch : visitor) {
            assertThat(ProfileDocument.of(profile.document().deepCopy()).hasAppliedBatch(batch.batchId())).isTrue();
            assertThat(session.path("internal").toString()).contains(batch.batchId());
            assertThat(JSON.readTree(completions.get(batch.batchId())).path("profile_id").asText()).isEqualTo(profileId);
        }
        assertThat(pageViewsOf(profileId)).isEqualTo(7);
        assertThat(eventsOf(profileId, "profile-created")).isEqualTo(1);
        assertThat(eventsOf(profileId, "session-opened")).isEqualTo(1);
        assertThat(pageViewsOf(other.resolution().profileId())).isEqualTo(2);

        // The chain re-delivered without its completion records: every batch is found applied, nothing is written.
        visitor.forEach(batch -> completions.remove(batch.batchId()));
        assertThat(groups.processAll(visitor)).containsOnlyNulls();
        assertThat(versionOf("profile", profileId)).isEqualTo(1);
        assertThat(pageViewsOf(profileId)).isEqualTo(7);
        visitor.forEach(batch -> assertThat(completions).containsKey(batch.batchId()));

        // Two more, on top of the stored state.
        List<BatchRecord> later = List.of(batch(profileId, sessionId, 2), batch(profileId, sessionId, 2));
        assertThat(groups.processAll(later)).containsOnlyNulls();
        assertThat(versionOf("profile", profileId)).isEqualTo(2);
        assertThat(pageViewsOf(profileId)).isEqualTo(11);
        assertThat(profiles.get(SCOPE, profileId).orElseThrow().document()
                .path("metadata").path("time").path("visit").path("count").asLong()).isEqualTo(1);
    }

    /**
     * A batch of a chain that fails holds back the later batches of its key (order per key); the batches before it
     * are stored, and other keys are not affected.
     */
    @Test
    void aFailingBatchHoldsBackTheLaterBatchesOfItsKeyOnly() throws Exception {
        ProfileMapping failsOnBoom = (scope, event, profile, session, warnings) -> {
            if ("boom".equals(event.json().path("type").asText())) {
                throw new IllegalStateException("boom");
            }
            return false;
        };
        BatchProcessor processor = new BatchProcessor(JSON, stores.locks(), stores.storage(), stores.failedEvents(), RECORDS,
                new UserAgentSessionEnricher(new UserAgentParser()), failsOnBoom, BatchFlows.NONE,
                api.config().features(), null, new ProfileIdMap(stores.redis()), "groups-test", CLOCK);
        BatchGroupProcessor failing = new BatchGroupProcessor(processor, stores.storage(), stores.locks(), RECORDS,
                BatchFlows.NONE);
        String profileId = UUID.randomUUID().toString();
        String sessionId = UUID.randomUUID().toString();
        BatchRecord first = batch(profileId, sessionId, 2);
        BatchRecord boom = batch(profileId, sessionId, 1, "boom");
        BatchRecord third = batch(profileId, sessionId, 3);
        BatchRecord other = batch(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1);

        List<Exception> outcomes = failing.processAll(List.of(first, boom, other, third));

        assertThat(outcomes.get(0)).isNull();
        assertThat(outcomes.get(1)).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(outcomes.get(2)).isNull();
        assertThat(outcomes.get(3)).isInstanceOf(HeldBackException.class);
        assertThat(pageViewsOf(profileId)).isEqualTo(2);
        assertThat(completions).containsKey(first.batchId()).doesNotContainKeys(boom.batchId(), third.batchId());
        assertThat(pageViewsOf(other.resolution().profileId())).isEqualTo(1);
        ObjectNode profile = profiles.get(SCOPE, profileId).orElseThrow().document();
        assertThat(ProfileDocument.of(profile.deepCopy()).hasAppliedBatch(third.batchId())).isFalse();

        // Once the failing batch is gone (dead-lettered), the held-back one goes through on its own.
        assertThat(failing.processAll(List.of(third))).containsOnlyNulls();
        assertThat(pageViewsOf(profileId)).isEqualTo(5);
    }

    /**
     * The group takes its locks without waiting: a chain whose profile another worker holds waits for it alone, after
     * the others, and its batches keep their order.
     */
    @Test
    void aChainWhoseProfileIsLockedElsewhereWaitsForItAloneAndKeepsItsOrder() throws Exception {
        String profileId = UUID.randomUUID().toString();
        String sessionId = UUID.randomUUID().toString();
        BatchRecord first = batch(profileId, sessionId, 1);
        BatchRecord second = batch(profileId, sessionId, 2);
        BatchRecord other = batch(UUID.randomUUID().toString(), UUID.randomUUID().toString(), 3);
        ProfileLocks.Lease elsewhere = stores.locks().tryAcquire(SCOPE, profileId).orElseThrow();
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            // Once the other profile is stored, the group has passed its locking; then the other worker lets go.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!completions.containsKey(other.batchId()) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            elsewhere.close();
        });

        assertThat(groups.processAll(List.of(first, other, second))).containsOnlyNulls().hasSize(3);
        release.get(5, TimeUnit.SECONDS);

        assertThat(pageViewsOf(profileId)).isEqualTo(3);
        assertThat(pageViewsOf(other.resolution().profileId())).isEqualTo(3);
        assertThat(versionOf("profile", profileId)).as("each batch alone writes the profile").isEqualTo(2);
        ObjectNode profile = profiles.get(SCOPE, profileId).orElseThrow().document();
        assertThat(profile.path("metadata").path("time").path("visit").path("count").asLong()).isEqualTo(1);
        assertThat(completions).containsKeys(first.batchId(), second.batchId());
        // The locks the group took are released: the next holder gets them at once.
        try (ProfileLocks.Lease next = stores.locks().tryAcquire(SCOPE, other.resolution().profileId()).orElseThrow();
             ProfileLocks.Lease mine = stores.locks().tryAcquire(SCOPE, profileId).orElseThrow()) {
            assertThat(next.held()).isTrue();
            assertThat(mine.held()).isTrue();
        }
    }

    /** Elasticsearch's {@code _version} of the document: how many times it was written. */
    private static long versionOf(String kind, String id) throws Exception {
        IndexKind indexKind = "profile".equals(kind) ? IndexKind.PROFILE : IndexKind.SESSION;
        String index = data.findById(SCOPE, indexKind, id).orElseThrow().index();
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(TestStack.get("ELASTIC_HOST") + "/" + index + "/_doc/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(reply.body()).path("_version").asLong();
    }

    private static long eventsOf(String profileId, String type) {
        data.refresh(SCOPE, IndexKind.EVENT);
        ObjectNode query = JSON.createObjectNode();
        var must = query.putObject("bool").putArray("must");
        must.addObject().putObject("term").put("profile.id", profileId);
        must.addObject().putObject("term").put("type", type);
        return data.count(SCOPE, IndexKind.EVENT, query);
    }

    private static long pageViewsOf(String profileId) {
        data.refresh(SCOPE, IndexKind.EVENT);
        ObjectNode query = JSON.createObjectNode();
        var must = query.putObject("bool").putArray("must");
        must.addObject().putObject("term").put("profile.id", profileId);
        must.addObject().putObject("term").put("type", "page-view");
        return data.count(SCOPE, IndexKind.EVENT, query);
    }

    /** A batch of page views for the profile in the session (new when it is not stored yet). */
    private static BatchRecord batch(String profileId, String sessionId, int pageViews) {
        return batch(profileId, sessionId, pageViews, "page-view");
    }

    private static BatchRecord batch(String profileId, String sessionId, int count, String type) {
        String now = Times.format(CLOCK.instant());
        List<BatchRecord.EventRecord> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new BatchRecord.EventRecord(UUID.randomUUID().toString(), type, now, null,
                    JSON.createObjectNode().put("url", "https://example.com/" + i), JSON.createObjectNode(), null, List.of()));
        }
        return new BatchRecord(UUID.randomUUID().toString(), SCOPE.tenant().toString(), false, now,
                new BatchRecord.Source(DataSeed.SOURCE, List.of("rest"), "Web", false), "127.0.0.1", Map.of(), false, null,
                JSON.createObjectNode(), JSON.createObjectNode(),
                new BatchRecord.Resolution(sessionId, false, now, profileId, false, false), events, false, false, null);
    }
}
