package org.opencdp.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.enrichment.UserAgentParser;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.MapCompletionRecords;
import org.opencdp.server.testing.WorkerStores;
import org.opencdp.server.testing.PrivateApiFixture;

/**
 * Several batches carried by one worker thread ({@link BatchGroupProcessor}) on the real stores: each is stored
 * exactly once with the counters it would have had alone, and a re-delivered group changes nothing.
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

    private static long pageViewsOf(String profileId) {
        data.refresh(SCOPE, IndexKind.EVENT);
        ObjectNode query = JSON.createObjectNode();
        var must = query.putObject("bool").putArray("must");
        must.addObject().putObject("term").put("profile.id", profileId);
        must.addObject().putObject("term").put("type", "page-view");
        return data.count(SCOPE, IndexKind.EVENT, query);
    }

    /** A first-visit batch of page views for the profile in a new session. */
    private static BatchRecord batch(String profileId, String sessionId, int pageViews) {
        String now = Times.format(CLOCK.instant());
        List<BatchRecord.EventRecord> events = new ArrayList<>();
        for (int i = 0; i < pageViews; i++) {
            events.add(new BatchRecord.EventRecord(UUID.randomUUID().toString(), "page-view", now, null,
                    JSON.createObjectNode().put("url", "https://example.com/" + i), JSON.createObjectNode(), null, List.of()));
        }
        return new BatchRecord(UUID.randomUUID().toString(), SCOPE.tenant().toString(), false, now,
                new BatchRecord.Source(DataSeed.SOURCE, List.of("rest"), "Web", false), "127.0.0.1", Map.of(), false, null,
                JSON.createObjectNode(), JSON.createObjectNode(),
                new BatchRecord.Resolution(sessionId, false, now, profileId, false, false), events, false, false, null);
    }
}
