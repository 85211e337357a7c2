package org.opencdp.server.failed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.FailedEventStore;
import org.opencdp.server.storage.elastic.FailureStage;
import org.opencdp.server.storage.elastic.PartitionRegistry;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.PrivateApiFixture;

/** The failed-events store (private-api §3.17), system logs (§3.14) and the queue backlog on the real stack. */
class FailedEventApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PrivateApiFixture api;
    private static ElasticStore elastic;
    private static FailedEventStore store;
    private static String admin;
    private static String maintainer;
    private static String developer;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("failedapi");
        DataSeed.createSource(api);
        elastic = ElasticStore.connect(api.config().elastic());
        store = new FailedEventStore(elastic, new PartitionRegistry(elastic, api.config().storage().partitioning(), JSON),
                JSON, Clock.systemUTC());
        admin = api.tokenFor(ApiRoles.ADMIN);
        maintainer = api.tokenFor(ApiRoles.MAINTAINER);
        developer = api.tokenFor(ApiRoles.DEVELOPER);
    }

    @AfterAll
    static void stop() throws Exception {
        elastic.close();
        api.close();
    }

    @Test
    void aFailedEventIsListedReadAndReplayedUnderItsOriginalId() throws Exception {
        String eventId = "failed-" + UUID.randomUUID();
        ObjectNode event = JSON.createObjectNode().put("id", eventId).put("type", "page-view")
                .put("insert", Times.format(Instant.now()));
        event.putObject("properties").put("replayed", "yes");
        String recordId = store.record(DataSeed.TRACKED, "batch-1", FailureStage.PROCESSING, "boom", 3, DataSeed.SOURCE,
                null, UUID.randomUUID().toString(), event, Refresh.WAIT_FOR);

        JsonNode list = api.parse(prod("GET", "/failed-events?stage=processing", maintainer));
        assertThat(list.path("total").asInt()).isEqualTo(1);
        assertThat(list.path("result").get(0).path("id").asText()).isEqualTo(recordId);
        assertThat(api.parse(prod("GET", "/failed-events?stage=indexing", maintainer)).path("total").asInt()).isZero();
        assertThat(api.parse(prod("GET", "/failed-events?from=2000-01-01T00:00:00Z&to=2001-01-01", admin)).path("total")
                .asInt()).isZero();
        assertThat(prod("GET", "/failed-events?stage=bogus", admin).statusCode()).isEqualTo(422);
        assertThat(prod("GET", "/failed-events?from=yesterday", admin).statusCode()).isEqualTo(422);
        assertThat(prod("GET", "/failed-events?limit=x", admin).statusCode()).isEqualTo(422);
        assertThat(prod("GET", "/failed-events", developer).statusCode()).isEqualTo(403);
        assertThat(api.parse(DataSeed.inOther(api, "GET", "/failed-events", admin, null)).path("total").asInt()).as("production").isZero();

        JsonNode record = api.parse(prod("GET", "/failed-event/" + recordId, maintainer));
        assertThat(record.path("event").path("id").asText()).isEqualTo(eventId);
        assertThat(record.path("stage").asText()).isEqualTo("processing");
        assertThat(prod("GET", "/failed-event/nope", maintainer).body()).isEqualTo("null");
        assertThat(prod("POST", "/failed-event/nope/replay", maintainer).body()).isEqualTo("null");
        assertThat(prod("POST", "/failed-event/" + recordId + "/replay", developer).statusCode()).isEqualTo(403);

        HttpResponse<String> replayed = prod("POST", "/failed-event/" + recordId + "/replay", maintainer);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(api.parse(replayed).path("task").asText()).hasSize(36);
        assertThat(api.parse(prod("GET", "/failed-event/" + recordId, maintainer)).path("replayed_at").asText()).isNotBlank();

        // The worker stores the event under its original id.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> stored;
        do {
            Thread.sleep(500);
            prod("GET", "/events/refresh", admin);
            stored = prod("GET", "/event/" + eventId, admin);
        } while (stored.statusCode() != 200 && System.nanoTime() < deadline);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        assertThat(api.parse(stored).path("event").path("properties").path("replayed").asText()).isEqualTo("yes");
    }

    @Test
    void aFailureFromAMissingSourceCannotBeReplayed() throws Exception {
        ObjectNode event = JSON.createObjectNode().put("id", "e-" + UUID.randomUUID()).put("type", "page-view");
        String recordId = store.record(DataSeed.TRACKED, "batch-2", FailureStage.INDEXING, "mapping", 1, "gone-source",
                null, null, event, Refresh.WAIT_FOR);
        HttpResponse<String> refused = prod("POST", "/failed-event/" + recordId + "/replay", admin);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("gone-source");
    }

    @Test
    void logsAndQueueBacklogAnswerTheirShapes() throws Exception {
        assertThat(api.get("/logs", maintainer).body()).isEqualTo("{\"total\":0,\"result\":[]}");
        assertThat(api.get("/logs/page/3", admin).body()).isEqualTo("{\"total\":0,\"result\":[]}");
        assertThat(api.get("/logs/page/-1", admin).statusCode()).isEqualTo(422);
        assertThat(api.get("/logs/page/abc", admin).statusCode()).isEqualTo(422);
        assertThat(api.get("/logs", developer).statusCode()).isEqualTo(403);

        String namespace = api.config().queue().pulsar().namespace();
        HttpResponse<String> backlog = api.get("/queue/" + namespace + "/batches/backlog", maintainer);
        assertThat(backlog.statusCode()).as(backlog.body()).isEqualTo(200);
        JsonNode answer = api.parse(backlog);
        assertThat(answer.path("total").isNumber()).isTrue();
        assertThat(answer.path("backlog").toString()).contains("\"subscription\":\"workers\"").contains("\"partition\":3");
        assertThat(api.get("/queue/other-namespace/batches/backlog", admin).statusCode()).isEqualTo(404);
        assertThat(api.get("/queue/" + namespace + "/no-such-topic/backlog", admin).statusCode()).isEqualTo(404);
        assertThat(api.get("/queue/" + namespace + "/batches/backlog", developer).statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> prod(String method, String path, String token) throws Exception {
        return DataSeed.inTracked(api, method, path, token, null);
    }
}
