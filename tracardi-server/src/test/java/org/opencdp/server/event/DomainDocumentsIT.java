package org.opencdp.server.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.config.ConfigLoader;
import org.opencdp.server.migrate.MigrationReport;
import org.opencdp.server.migrate.MigrationService;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.Partitioning;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.queue.PulsarAdminClient;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * Runs the real migration in-process for a fresh namespace, then stores the documents the domain classes build
 * (a new profile, a visited profile with a full applied-batches ring, a session merged with the captured tracker
 * context, the captured page-view and every system event) in the migrated indices. The strict mappings accepting
 * them (201) proves the shapes; reading them back proves the dates round-trip in the emitted format.
 */
class DomainDocumentsIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("dom");
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));
    private static TracardiConfiguration config;
    private static ElasticStore elastic;
    private static MysqlStore mysql;

    @BeforeAll
    static void migrate() throws Exception {
        config = ConfigLoader.load("../config/migrate.yml", NAMESPACE.processEnvironment());
        MigrationReport report = new MigrationReport();
        MigrationService.ensureDatabase(config, report);
        elastic = ElasticStore.connect(config.elastic());
        mysql = MysqlStore.connect(config.mysql(), new com.codahale.metrics.MetricRegistry(), "mysql");
        new MigrationService(config, mysql, elastic, new PulsarAdminClient(config.queue().pulsar()), JSON, Clock.systemUTC())
                .migrate(Optional.empty(), report);
        assertThat(report.changed()).isTrue();
    }

    @AfterAll
    static void close() throws Exception {
        elastic.close();
        mysql.close();
    }

    @Test
    void profilesAreAcceptedAndTheirDatesRoundTrip() throws Exception {
        Instant now = Instant.now();
        ProfileDocument created = ProfileDocument.create(UUID.randomUUID().toString(), now);
        assertThat(index(IndexKind.PROFILE, created.id(), created.json(), now)).isEqualTo(201);

        ProfileDocument visited = ProfileDocument.create(UUID.randomUUID().toString(), now.minusSeconds(86_400));
        visited.newVisit(now.minusSeconds(86_400), "Europe/Warsaw");
        visited.newVisit(now, "UTC");
        visited.addId("emm-" + UUID.randomUUID());
        visited.setPrimaryId("customer-42");
        visited.addViews(3);
        visited.addToCounter("clicks", 2);
        visited.addToCounter("score", 0.5);
        for (int i = 0; i < ProfileDocument.APPLIED_BATCHES_KEPT + 1; i++) {
            visited.addAppliedBatch(UUID.randomUUID().toString());
        }
        visited.setUpdated(now);
        assertThat(index(IndexKind.PROFILE, visited.id(), visited.json(), now)).isEqualTo(201);

        JsonNode stored = get(IndexKind.PROFILE, created.id(), now);
        assertThat(stored.at("/metadata/time/insert").textValue()).isEqualTo(Times.format(now))
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00");
        assertThat(Times.parse(stored.at("/metadata/time/insert"))).contains(Times.truncate(now));
        assertThat(stored).isEqualTo(created.json());

        JsonNode storedVisited = get(IndexKind.PROFILE, visited.id(), now);
        ProfileDocument reloaded = ProfileDocument.of((ObjectNode) storedVisited);
        assertThat(reloaded.visitCount()).isEqualTo(2);
        assertThat(reloaded.visitLast()).contains(Times.truncate(now.minusSeconds(86_400)));
        assertThat(reloaded.visitCurrent()).contains(Times.truncate(now));
        assertThat(reloaded.appliedBatches()).isEqualTo(visited.appliedBatches()).hasSize(64);
        assertThat(reloaded.toApiJson().has("internal")).isFalse();

        // Elasticsearch reads the emitted strings as dates: a range query on the instant finds the profile.
        Request search = new Request("POST", "/" + elastic.names().alias(SCOPE, IndexKind.PROFILE) + "/_search");
        search.addParameter("rest_total_hits_as_int", "true");
        search.setJsonEntity("{\"query\": {\"bool\": {\"filter\": ["
                + "{\"term\": {\"id\": \"" + visited.id() + "\"}},"
                + "{\"range\": {\"metadata.time.visit.current\": {\"gte\": " + now.minusMillis(1).toEpochMilli()
                + ", \"lte\": " + now.plusMillis(1).toEpochMilli() + ", \"format\": \"epoch_millis\"}}}]}}}");
        JsonNode hits = JSON.readTree(elastic.lowLevel().performRequest(search).getEntity().getContent());
        assertThat(hits.at("/hits/total").asInt()).isEqualTo(1);
    }

    @Test
    void sessionEventsAndSystemEventsAreAccepted() throws Exception {
        Instant received = Instant.now();
        ObjectNode body = TrackerCapture.body();
        String profileId = UUID.randomUUID().toString();
        ProfileDocument profile = ProfileDocument.create(profileId, received);

        SessionDocument session = SessionDocument.create(body.at("/session/id").asText(), profileId, received, "Web");
        session.mergeContext(body.get("context"));
        session.mergeProperties(body.get("properties"));
        session.context().put("ip", "127.0.0.1");
        session.updateDuration(received.plusMillis(250));
        session.setStatus(SessionDocument.Status.ACTIVE);
        assertThat(session.utm().get("source").textValue()).isEqualTo("news");
        assertThat(session.context().has("utm")).isFalse();
        assertThat(index(IndexKind.SESSION, session.id(), session.json(), session.start())).isEqualTo(201);

        EventOrigin origin = new EventOrigin(body.at("/source/id").asText(), "Web", "127.0.0.1",
                TrackerCapture.storedHeaders(), false, false, "worker-it");
        List<EventDocument> events = new ArrayList<>();
        for (JsonNode payload : body.get("events")) {
            EventInput input = new EventInput(UUID.randomUUID().toString(), payload.get("type").asText(),
                    payload.get("properties"), payload.get("context"), payload.get("options"), null, received,
                    payload.path("time").get("create"));
            events.add(EventDocument.build(input, origin, session.ref(), profile.ref(), session));
        }
        List<String> triggers = new ArrayList<>(events.stream().map(EventDocument::type).toList());
        triggers.add(SystemEventType.PROFILE_CREATED.type());
        String batchId = UUID.randomUUID().toString();
        for (SystemEventType type : SystemEventType.values()) {
            events.add(EventDocument.systemEvent(type, batchId, received, origin, session.ref(), profile.ref(), session,
                    triggers));
        }
        assertThat(events).extracting(EventDocument::type)
                .containsExactly("page-view", "purchase-order", "profile-created", "visit-started", "session-opened");
        for (EventDocument event : events) {
            assertThat(index(IndexKind.EVENT, event.id(), event.json(), event.insert())).as(event.type()).isEqualTo(201);
        }

        JsonNode storedSession = get(IndexKind.SESSION, session.id(), session.start());
        assertThat(storedSession.at("/metadata/time/insert").textValue()).isEqualTo(Times.format(received));
        assertThat(storedSession).isEqualTo(session.json());

        EventDocument pageView = events.get(0);
        JsonNode storedPageView = get(IndexKind.EVENT, pageView.id(), pageView.insert());
        assertThat(storedPageView).isEqualTo(pageView.json());
        assertThat(storedPageView.at("/metadata/time/insert").textValue()).isEqualTo(Times.format(received));
        assertThat(storedPageView.at("/metadata/time/create").textValue()).isEqualTo("2026-11-22T12:42:04.074Z");
        assertThat(storedPageView.at("/session/start").textValue()).isEqualTo(Times.format(received));
        assertThat(storedPageView.at("/session/tz").textValue()).isEqualTo("UTC");
        assertThat(storedPageView.at("/hit/name").textValue()).isEqualTo("JS test page");
        assertThat(Times.parse(storedPageView.at("/metadata/time/insert"))).contains(Times.truncate(received));

        EventDocument profileCreated = events.get(2);
        JsonNode storedSystem = get(IndexKind.EVENT, profileCreated.id(), profileCreated.insert());
        assertThat(Times.parse(storedSystem.at("/metadata/time/insert"))).contains(Times.truncate(received.minusSeconds(3)));
        assertThat(storedSystem.at("/metadata/time/create")).isEqualTo(storedSystem.at("/metadata/time/insert"));
    }

    /** Stores a document where the server will: the profile index, or the partition of {@code time}. */
    private static int index(IndexKind kind, String id, ObjectNode document, Instant time) throws IOException {
        String index = writeIndex(kind, time);
        ensureIndex(index);
        Request put = new Request("PUT", "/" + index + "/_doc/" + id);
        put.addParameter("refresh", "true");
        put.setJsonEntity(JSON.writeValueAsString(document));
        try {
            return elastic.lowLevel().performRequest(put).getStatusLine().getStatusCode();
        } catch (ResponseException e) {
            throw new AssertionError(kind.label() + " " + id + " rejected: "
                    + EntityUtils.toString(e.getResponse().getEntity(), StandardCharsets.UTF_8), e);
        }
    }

    private static JsonNode get(IndexKind kind, String id, Instant time) throws IOException {
        Response response = elastic.lowLevel().performRequest(new Request("GET", "/" + writeIndex(kind, time) + "/_doc/" + id));
        return JSON.readTree(response.getEntity().getContent()).get("_source");
    }

    private static String writeIndex(IndexKind kind, Instant time) {
        Optional<Partitioning> partitioning = kind.partitioning(config.storage().partitioning());
        return partitioning.map(p -> elastic.names().partition(SCOPE, kind, p, time.atZone(ZoneOffset.UTC)))
                .orElse(elastic.names().versioned(SCOPE, kind));
    }

    /**
     * The migration creates the current partition; a document timed just across a partition boundary (the system
     * events are up to 3 s older than the receive time) needs the previous one, created from the kind's template.
     */
    private static void ensureIndex(String index) throws IOException {
        // The low-level client answers a HEAD 404 as a response, not as an exception.
        if (elastic.lowLevel().performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200) {
            return;
        }
        try {
            elastic.lowLevel().performRequest(new Request("PUT", "/" + index));
        } catch (ResponseException exists) {
            if (!EntityUtils.toString(exists.getResponse().getEntity()).contains("resource_already_exists_exception")) {
                throw exists;
            }
        }
    }
}
