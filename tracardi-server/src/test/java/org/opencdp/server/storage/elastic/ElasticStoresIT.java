package org.opencdp.server.storage.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.config.ConfigLoader;
import org.opencdp.server.config.ElasticConfig;
import org.opencdp.server.migrate.MigrationReport;
import org.opencdp.server.migrate.MigrationService;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BulkResult.Item;
import org.opencdp.server.storage.elastic.BulkResult.Outcome;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.queue.PulsarAdminClient;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * The Elasticsearch stores against the local stack's Elasticsearch, on a namespace migrated in-process
 * (as {@code ElasticMappingIT} does), with the sample documents of {@code migrations/src/test/resources}.
 */
class ElasticStoresIT {

    private static final Path SAMPLES = TestStack.REPO.resolve("migrations/src/test/resources/elastic/samples");
    private static final Namespace NAMESPACE = TestStack.newNamespace("esr");
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));

    private static final ch.qos.logback.classic.Logger ROOT_LOGGER =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static ch.qos.logback.classic.Level rootLevel;

    private static TracardiConfiguration config;
    private static ElasticStore elastic;
    private static PartitionRegistry partitions;
    private static ProfileStore profiles;
    private static SessionStore sessions;
    private static EventStore events;
    private static FailedEventStore failedEvents;

    @BeforeAll
    static void migrate() throws Exception {
        // Without a logging configuration the HTTP client logs every byte at DEBUG, which doubles the run time.
        rootLevel = ROOT_LOGGER.getLevel();
        ROOT_LOGGER.setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> environment = NAMESPACE.processEnvironment();
        environment.put("ELASTIC_INDEX_SHARDS", "1");
        config = ConfigLoader.load("../config/migrate.yml", environment);
        MigrationReport report = new MigrationReport();
        MigrationService.ensureDatabase(config, report);
        elastic = ElasticStore.connect(config.elastic());
        try (MysqlStore mysql = MysqlStore.connect(config.mysql(), new com.codahale.metrics.MetricRegistry(), "mysql")) {
            new MigrationService(config, mysql, elastic, new PulsarAdminClient(config.queue().pulsar()), JSON, Clock.systemUTC())
                    .migrate(Optional.empty(), report);
        }
        partitions = new PartitionRegistry(elastic, config.storage().partitioning(), JSON);
        profiles = new ProfileStore(elastic, partitions, JSON);
        sessions = new SessionStore(elastic, partitions, JSON);
        events = new EventStore(elastic, partitions, JSON);
        failedEvents = new FailedEventStore(elastic, partitions, JSON, Clock.systemUTC());
    }

    /** Drops this namespace's indices and templates by name (wildcard deletes are refused), to free shards. */
    @AfterAll
    static void dropNamespace() throws Exception {
        if (elastic == null) {
            return;
        }
        try {
            Response indices = elastic.lowLevel().performRequest(
                    new Request("GET", "/_cat/indices/" + NAMESPACE.indexPrefix() + ".*?h=index&format=json"));
            List<String> names = JSON.readTree(indices.getEntity().getContent()).findValuesAsText("index");
            if (!names.isEmpty()) {
                elastic.lowLevel().performRequest(new Request("DELETE", "/" + String.join(",", names)));
            }
            Response templates = elastic.lowLevel().performRequest(
                    new Request("GET", "/_index_template/" + NAMESPACE.indexPrefix() + ".*"));
            for (JsonNode template : JSON.readTree(templates.getEntity().getContent()).path("index_templates")) {
                elastic.lowLevel().performRequest(new Request("DELETE", "/_index_template/" + template.path("name").asText()));
            }
        } finally {
            elastic.close();
            ROOT_LOGGER.setLevel(rootLevel);
        }
    }

    // ---- profiles ----------------------------------------------------------------------------------------

    @Test
    void profileCreateGetReplaceWithOptimisticConcurrency() {
        String id = "p-occ-" + UUID.randomUUID();
        ObjectNode profile = profile("minimal.json", id);

        assertThat(profiles.create(SCOPE, profile)).isTrue();
        assertThat(profiles.create(SCOPE, profile)).as("a second create finds the first").isFalse();

        Versioned<ObjectNode> loaded = profiles.get(SCOPE, id).orElseThrow();
        assertThat(loaded.document().path("id").asText()).isEqualTo(id);
        assertThat(loaded.index()).isEqualTo(elastic.names().versioned(SCOPE, IndexKind.PROFILE));
        assertThat(loaded.seqNo()).isNotNegative();

        ObjectNode changed = loaded.document().deepCopy().put("active", true);
        Version written = profiles.replace(SCOPE, changed, loaded);
        assertThat(written.seqNo()).isGreaterThan(loaded.seqNo());

        ObjectNode stale = loaded.document().deepCopy().put("active", false);
        assertThatThrownBy(() -> profiles.replace(SCOPE, stale, loaded))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.id()).isEqualTo(id);
                    assertThat(e.expected()).isEqualTo(loaded.version());
                });

        Versioned<ObjectNode> reloaded = profiles.get(SCOPE, id).orElseThrow();
        assertThat(reloaded.version()).isEqualTo(written);
        assertThat(reloaded.document().path("active").asBoolean()).isTrue();

        assertThat(profiles.delete(SCOPE, id)).isTrue();
        assertThat(profiles.delete(SCOPE, id)).isFalse();
        assertThat(profiles.get(SCOPE, id)).isEmpty();
        assertThatThrownBy(() -> profiles.replace(SCOPE, changed, reloaded))
                .as("a deleted profile cannot be replaced with the version it was loaded at")
                .isInstanceOf(VersionConflictException.class);
    }

    @Test
    void ofConcurrentReplacersWithTheSameVersionExactlyOneWins() throws Exception {
        String id = "p-race-" + UUID.randomUUID();
        assertThat(profiles.create(SCOPE, profile("minimal.json", id))).isTrue();
        Versioned<ObjectNode> loaded = profiles.get(SCOPE, id).orElseThrow();

        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                ObjectNode mine = loaded.document().deepCopy().put("primary_id", "writer-" + i);
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        profiles.replace(SCOPE, mine, loaded);
                        return true;
                    } catch (VersionConflictException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                if (outcomes.get(i).get(20, TimeUnit.SECONDS)) {
                    winners.add("writer-" + i);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(profiles.get(SCOPE, id).orElseThrow().document().path("primary_id").asText()).isEqualTo(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A merged id is only in {@code ids}, which a search finds once the index refreshed. The worker finds
     * merged ids through the Redis id map and profiles by real-time GET (processing §5.1), so its writes do
     * not pay for {@code refresh=wait_for}; writes whose ids must be searchable at once (imports, merges
     * done through the API) ask for it, as this test does.
     */
    @Test
    void findByAnyIdFindsAMergedIdRightAfterAWaitForWrite() {
        String suffix = UUID.randomUUID().toString();
        String id = "p-full-" + suffix;
        String mergedId = "merged-away-" + suffix;
        ObjectNode profile = profile("full.json", id);
        profile.putArray("ids").add(id).add(mergedId).add("emm-" + suffix);
        assertThat(profiles.tryCreate(SCOPE, profile, Refresh.WAIT_FOR)).isPresent();

        Versioned<ObjectNode> found = profiles.findByAnyId(SCOPE, mergedId).orElseThrow();
        assertThat(found.id()).isEqualTo(id);
        assertThat(found.version()).isEqualTo(profiles.get(SCOPE, id).orElseThrow().version());
        assertThat(profiles.findByAnyId(SCOPE, "nobody-" + suffix)).isEmpty();
        assertThat(profiles.currentId(SCOPE, mergedId)).contains(id);
        assertThat(profiles.currentId(SCOPE, "nobody-" + suffix)).isEmpty();
    }

    @Test
    void findByAnyIdFindsAProfileByItsOwnIdWithoutRefresh() {
        String id = "p-rt-" + UUID.randomUUID();
        assertThat(profiles.create(SCOPE, profile("minimal.json", id))).isTrue();
        assertThat(profiles.findByAnyId(SCOPE, id)).map(Versioned::id).contains(id);
        assertThat(profiles.currentId(SCOPE, id)).contains(id);
    }

    @Test
    void findByAnyIdPrefersTheOldestProfileSharingTheId() {
        String suffix = UUID.randomUUID().toString();
        String shared = "shared-" + suffix;
        ObjectNode younger = profile("minimal.json", "p-young-" + suffix);
        younger.putArray("ids").add("p-young-" + suffix).add(shared);
        ((ObjectNode) younger.at("/metadata/time")).put("insert", "2024-05-01T00:00:00.000000+00:00");
        ObjectNode older = profile("minimal.json", "p-old-" + suffix);
        older.putArray("ids").add("p-old-" + suffix).add(shared);
        ((ObjectNode) older.at("/metadata/time")).put("insert", "2023-05-01T00:00:00.000000+00:00");
        profiles.save(SCOPE, younger, Refresh.NONE);
        profiles.save(SCOPE, older, Refresh.WAIT_FOR);

        assertThat(profiles.findByAnyId(SCOPE, shared)).map(Versioned::id).contains("p-old-" + suffix);
        assertThat(profiles.currentId(SCOPE, shared)).contains("p-old-" + suffix);
    }

    @Test
    void idsNeedingUrlEncodingWork() {
        String id = "odd/id with space#?&=ä+" + UUID.randomUUID();
        assertThat(profiles.create(SCOPE, profile("minimal.json", id))).isTrue();
        assertThat(profiles.get(SCOPE, id)).map(Versioned::id).contains(id);
        assertThat(profiles.currentId(SCOPE, id)).contains(id);
        assertThat(profiles.delete(SCOPE, id)).isTrue();
        assertThat(profiles.currentId(SCOPE, id)).isEmpty();
    }

    @Test
    void aProfileNotFittingTheMappingIsRejectedWithTheReason() {
        ObjectNode profile = profile("minimal.json", "p-bad-" + UUID.randomUUID()).put("no_such_field", 1);
        assertThatThrownBy(() -> profiles.create(SCOPE, profile))
                .isInstanceOfSatisfying(DocumentRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("strict_dynamic_mapping_exception");
                    assertThat(e.reason()).contains("no_such_field");
                });
    }

    // ---- events ------------------------------------------------------------------------------------------

    @Test
    void eventsLandInThePartitionsOfTheirInsertTimeCreatedOnTheFlyAndAreIdempotent() throws Exception {
        String suffix = UUID.randomUUID().toString();
        ObjectNode january = event("full.json", "e-jan-" + suffix, "2021-01-15T10:00:00.123456+00:00");
        ObjectNode february = event("bare.json", "e-feb-" + suffix, "2021-02-20T08:30:00Z");
        ObjectNode februaryMillis = event("page-view-tracker.json", "e-feb2-" + suffix, null);
        ((ObjectNode) februaryMillis.at("/metadata/time")).put("insert", Instant.parse("2021-02-28T23:59:59Z").toEpochMilli());
        String januaryIndex = elastic.names().versioned(SCOPE, IndexKind.EVENT) + ".2021-01";
        String februaryIndex = elastic.names().versioned(SCOPE, IndexKind.EVENT) + ".2021-02";
        assertThat(indexExists(januaryIndex)).isFalse();
        assertThat(indexExists(februaryIndex)).isFalse();
        events.refresh(SCOPE);
        long before = events.count(SCOPE);

        List<ObjectNode> batch = List.of(january, february, februaryMillis);
        BulkResult first = events.bulkIndex(SCOPE, batch);
        assertThat(first.allOk()).as(first.toString()).isTrue();
        assertThat(first.items()).extracting(Item::outcome).containsOnly(Outcome.CREATED);
        assertThat(first.items()).extracting(Item::index).containsExactly(januaryIndex, februaryIndex, februaryIndex);
        assertThat(indexExists(januaryIndex)).isTrue();
        assertThat(indexExists(februaryIndex)).isTrue();
        assertThat(partitions.known(SCOPE, IndexKind.EVENT)).contains(januaryIndex, februaryIndex);

        events.refresh(SCOPE);
        assertThat(events.count(SCOPE)).isEqualTo(before + 3);
        assertThat(events.get(SCOPE, "e-jan-" + suffix)).map(e -> e.path("type").asText()).contains("order-started");
        assertThat(events.get(SCOPE, "e-feb-" + suffix)).isPresent();
        assertThat(events.get(SCOPE, "e-feb2-" + suffix, Instant.parse("2021-02-01T00:00:00Z"))).isPresent();

        BulkResult again = events.bulkIndex(SCOPE, batch, Refresh.IMMEDIATE);
        assertThat(again.items()).extracting(Item::outcome).containsOnly(Outcome.UPDATED);
        assertThat(events.count(SCOPE)).as("re-indexing the same ids adds nothing").isEqualTo(before + 3);
    }

    @Test
    void aRejectedEventDoesNotFailTheBulkAndGoesToTheFailedEventsStore() throws Exception {
        String suffix = UUID.randomUUID().toString();
        String insert = "2021-06-01T12:00:00.000000+00:00";
        ObjectNode good = event("minimal-system-event.json", "e-good-" + suffix, insert);
        ObjectNode unknownField = event("full.json", "e-strict-" + suffix, insert).put("no_such_field", "x");
        ObjectNode typeConflict = event("full.json", "e-type-" + suffix, insert);
        ((ObjectNode) typeConflict.at("/data/ec/order")).put("cost", 5);
        ObjectNode noTime = event("bare.json", "e-notime-" + suffix, insert);
        ((ObjectNode) noTime.path("metadata")).remove("time");
        ObjectNode alsoGood = event("custom-type.json", "e-good2-" + suffix, insert);
        events.refresh(SCOPE);
        long before = events.count(SCOPE);

        BulkResult result = events.bulkIndex(SCOPE, List.of(good, unknownField, typeConflict, noTime, alsoGood), Refresh.IMMEDIATE);

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.items().get(0).ok()).isTrue();
        assertThat(result.items().get(4).ok()).isTrue();
        Item strict = result.items().get(1);
        assertThat(strict.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(strict.errorType()).isEqualTo("strict_dynamic_mapping_exception");
        assertThat(strict.reason()).contains("no_such_field");
        Item conflict = result.items().get(2);
        assertThat(conflict.ok()).isFalse();
        assertThat(conflict.reason()).contains("data.ec.order.cost");
        Item missingTime = result.items().get(3);
        assertThat(missingTime.ok()).isFalse();
        assertThat(missingTime.reason()).contains("metadata.time.insert");
        assertThat(events.count(SCOPE)).isEqualTo(before + 2);
        assertThat(events.get(SCOPE, "e-strict-" + suffix)).isEmpty();

        String batchId = "batch-" + suffix;
        List<ObjectNode> sent = List.of(good, unknownField, typeConflict, noTime, alsoGood);
        for (Item rejected : result.rejected()) {
            ObjectNode event = sent.get(rejected.position());
            String recordId = failedEvents.record(SCOPE, batchId, FailureStage.INDEXING, rejected.reason(), 1,
                    "js-source-1", "profile-10d6d5f3", null, event, Refresh.IMMEDIATE);
            assertThat(recordId).isEqualTo(rejected.id() + "-1");
        }
        ObjectNode record = failedEvents.get(SCOPE, "e-strict-" + suffix + "-1").orElseThrow();
        assertThat(record.path("stage").asText()).isEqualTo("indexing");
        assertThat(record.path("reason").asText()).isEqualTo(strict.reason());
        assertThat(record.path("batch_id").asText()).isEqualTo(batchId);
        assertThat(record.path("attempts").asInt()).isEqualTo(1);
        assertThat(record.path("tenant").asText()).isEqualTo("default");
        assertThat(record.path("production").asBoolean()).isTrue();
        assertThat(record.path("event").path("no_such_field").asText()).isEqualTo("x");
        assertThat(ElasticTimes.parse(record.path("time"))).isPresent();
        assertThat(failedEvents.get(SCOPE, "e-type-" + suffix + "-1")).isPresent();
        assertThat(failedEvents.get(SCOPE, "e-notime-" + suffix + "-1")).isPresent();
    }

    // ---- sessions ----------------------------------------------------------------------------------------

    @Test
    void sessionsAreSavedIntoThePartitionOfTheirStartAndFoundById() {
        String suffix = UUID.randomUUID().toString();
        Instant mayStart = Instant.parse("2022-05-10T08:00:00Z");
        Instant juneStart = Instant.parse("2022-06-11T09:00:00Z");
        ObjectNode may = session("s-may-" + suffix, mayStart);
        ObjectNode june = session("s-jun-" + suffix, juneStart);

        sessions.save(SCOPE, may, mayStart);
        sessions.save(SCOPE, june);
        assertThat(sessions.get(SCOPE, "s-may-" + suffix, mayStart)).as("real-time in the known partition").isPresent();
        assertThat(sessions.get(SCOPE, "s-may-" + suffix, juneStart)).as("not in another partition").isEmpty();
        // The start of a session known by id only, in real time across the partitions (a new store: the partitions
        // are listed at most once a minute).
        SessionStore collector = new SessionStore(elastic, partitions, JSON);
        assertThat(collector.storedStart(SCOPE, "s-may-" + suffix)).contains(mayStart);
        assertThat(collector.storedStart(SCOPE, "s-jun-" + suffix)).contains(juneStart);
        assertThat(collector.storedStart(SCOPE, "s-none-" + suffix)).isEmpty();

        sessions.refresh(SCOPE);
        Versioned<ObjectNode> foundMay = sessions.get(SCOPE, "s-may-" + suffix).orElseThrow();
        assertThat(foundMay.index()).isEqualTo(elastic.names().versioned(SCOPE, IndexKind.SESSION) + ".2022-05");
        Versioned<ObjectNode> foundJune = sessions.get(SCOPE, "s-jun-" + suffix).orElseThrow();
        assertThat(foundJune.index()).isEqualTo(elastic.names().versioned(SCOPE, IndexKind.SESSION) + ".2022-06");

        Version rewritten = sessions.save(SCOPE, may.deepCopy(), mayStart, foundMay, Refresh.NONE);
        assertThat(rewritten.seqNo()).isGreaterThan(foundMay.seqNo());
        assertThatThrownBy(() -> sessions.save(SCOPE, may.deepCopy(), mayStart, foundMay, Refresh.NONE))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> sessions.save(SCOPE, may.deepCopy(), juneStart, foundMay, Refresh.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sessions.create(SCOPE, june, juneStart, Refresh.NONE)).as("exists already").isEmpty();
    }

    // ---- failures ----------------------------------------------------------------------------------------

    @Test
    void aTenantWithoutTemplatesIsASchemaErrorNamingTheMigration() {
        TenantScope unmigrated = TenantScope.production(Tenant.of("unmigrated"));
        assertThatThrownBy(() -> events.bulkIndex(unmigrated, List.of(event("bare.json", "e-x", "2021-01-01T00:00:00Z"))))
                .isInstanceOf(ElasticSchemaException.class)
                .hasMessageContaining(elastic.names().template(unmigrated, IndexKind.EVENT))
                .hasMessageContaining("tracardi server migrate");
        assertThat(partitions.known(unmigrated, IndexKind.EVENT)).isEmpty();
    }

    @Test
    void anUnreachableElasticsearchIsUnavailableQuickly() throws Exception {
        ElasticConfig unreachable = new ElasticConfig();
        unreachable.setHosts("http://127.0.0.1:1");
        unreachable.setIndexPrefix(NAMESPACE.indexPrefix());
        try (ElasticStore dead = ElasticStore.connect(unreachable)) {
            PartitionRegistry deadPartitions = new PartitionRegistry(dead, config.storage().partitioning(), JSON);
            ProfileStore deadProfiles = new ProfileStore(dead, deadPartitions, JSON);
            EventStore deadEvents = new EventStore(dead, deadPartitions, JSON);
            SessionStore deadSessions = new SessionStore(dead, deadPartitions, JSON);
            long started = System.nanoTime();
            assertThatThrownBy(() -> deadProfiles.get(SCOPE, "p-1")).isInstanceOf(ElasticUnavailableException.class);
            assertThatThrownBy(() -> deadProfiles.create(SCOPE, profile("minimal.json", "p-1")))
                    .isInstanceOf(ElasticUnavailableException.class);
            assertThatThrownBy(() -> deadEvents.bulkIndex(SCOPE, List.of(event("bare.json", "e-1", "2021-01-01T00:00:00Z"))))
                    .isInstanceOf(ElasticUnavailableException.class);
            assertThatThrownBy(() -> deadSessions.get(SCOPE, "s-1")).isInstanceOf(ElasticUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static ObjectNode sample(String kind, String file) {
        try {
            return (ObjectNode) JSON.readTree(SAMPLES.resolve(kind).resolve(file).toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode profile(String file, String id) {
        ObjectNode profile = sample("profile", file);
        profile.put("id", id);
        profile.putArray("ids").add(id);
        return profile;
    }

    /** An event sample with a new id and, when given, a new insert time. */
    private static ObjectNode event(String file, String id, String insert) {
        ObjectNode event = sample("event", file);
        event.put("id", id);
        if (insert != null) {
            event.with("metadata").with("time").put("insert", insert);
        }
        return event;
    }

    private static ObjectNode session(String id, Instant start) {
        ObjectNode session = sample("session", "minimal.json");
        session.put("id", id);
        ((ObjectNode) session.at("/metadata/time")).put("insert", ElasticTimes.format(start));
        return session;
    }

    private static boolean indexExists(String index) throws Exception {
        try {
            return elastic.lowLevel().performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            return false;
        }
    }
}
