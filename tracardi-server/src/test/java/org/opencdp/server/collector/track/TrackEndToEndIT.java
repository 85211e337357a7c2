package org.opencdp.server.collector.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.event.TrackerCapture;
import org.opencdp.server.role.Role;
import org.opencdp.server.role.RoleCommand;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * {@code /track} end to end on the real stack, in the all-in-one role: the tracker's requests are accepted,
 * queued in Pulsar, processed by the worker into Elasticsearch, and answered with Tracardi's response.
 */
class TrackEndToEndIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("track");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SOURCE = "js-source-1";
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));
    private static DropwizardAppExtension<TracardiConfiguration> app;

    @BeforeAll
    static void start() throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(NAMESPACE.overrides(true)));
        // These tests use the production scope; all-in-one collects into staging unless locked to production.
        overrides.add(ConfigOverride.config("context.production", "true"));
        overrides.add(ConfigOverride.config("collector.trackDebug", "true"));
        overrides.add(ConfigOverride.config("collector.awaitTimeout", "10s"));
        overrides.add(ConfigOverride.config("worker.threads", "4"));
        app = new DropwizardAppExtension<>(TracardiApplication.class, "../config/all-in-one.yml", (String) null,
                application -> new RoleCommand(application, Role.ALL_IN_ONE), overrides.toArray(ConfigOverride[]::new));
        app.before();
        TracardiConfiguration config = app.getConfiguration();
        try (MysqlStore mysql = MysqlStore.connect(config.mysql(), new com.codahale.metrics.MetricRegistry(), "test")) {
            EventSourceDao sources = new EventSourceDao(mysql.jdbi(), JSON, ConfigChangePublisher.NONE);
            sources.upsert(SCOPE, EventSource.fromJson(JSON.readTree(
                    "{\"id\":\"" + SOURCE + "\",\"name\":\"Web\",\"type\":[\"rest\"],\"channel\":\"Web\",\"enabled\":true}")));
            sources.upsert(SCOPE, EventSource.fromJson(JSON.readTree(
                    "{\"id\":\"disabled-source\",\"name\":\"Off\",\"type\":[\"rest\"],\"enabled\":false}")));
            sources.upsert(SCOPE, EventSource.fromJson(JSON.readTree(
                    "{\"id\":\"hook-source\",\"name\":\"Hook\",\"type\":[\"webhook\"],\"enabled\":true}")));
        }
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    @Test
    void aFirstVisitIsProcessedAndAnsweredWithTheProfileToKeep() throws Exception {
        ObjectNode body = trackerBody(UUID.randomUUID().toString(), null);
        HttpResponse<String> response = send(request("/track").header("Accept-Language", "pl-PL,pl;q=0.9,en;q=0.8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        String profileId = answer.path("profile").path("id").asText();
        assertThat(profileId).isNotBlank();
        assertThat(answer.path("session").path("id").asText()).isEqualTo(body.path("session").path("id").asText());
        assertThat(answer.path("task").asText()).isNotBlank();
        assertThat(answer.path("ux").isArray()).isTrue();
        assertThat(answer.path("response").isObject()).isTrue();
        assertThat(answer.path("errors")).isEmpty();
        // Two payload events, then profile-created, visit-started, session-opened.
        assertThat(answer.path("events")).hasSize(5);
        assertThat(answer.path("event").path("saved").asInt()).isEqualTo(1);
        assertThat(answer.path("profile").path("saved").asInt()).isEqualTo(1);
        assertThat(answer.path("session").path("saved").asInt()).isEqualTo(1);

        JsonNode profile = elastic("/" + alias("profile") + "/_doc/" + profileId).path("_source");
        assertThat(profile.path("metadata").path("time").path("visit").path("count").asInt()).isEqualTo(1);
        assertThat(profile.path("data").path("pii").path("language").path("spoken").toString()).isEqualTo("[\"Polish\",\"English\"]");
        assertThat(profile.path("internal").path("applied_batches").toString()).contains(answer.path("task").asText());
        elasticPost("/" + alias("session") + "/_refresh", "");
        JsonNode session = elasticPost("/" + alias("session") + "/_search",
                "{\"query\":{\"ids\":{\"values\":[\"" + answer.path("session").path("id").asText() + "\"]}}}")
                .path("hits").path("hits").path(0).path("_source");
        assertThat(session.path("os").path("name").asText()).isEqualTo("Linux");
        assertThat(session.path("app").path("name").asText()).isEqualTo("HeadlessChrome");
        assertThat(session.path("device").path("resolution").asText()).contains("x");
        assertThat(session.path("context").path("language_codes").toString()).isEqualTo("[\"pl\",\"en\"]");
        JsonNode firstEvent = elastic("/" + alias("event") + "/_doc/" + answer.path("events").get(0).asText());
        assertThat(firstEvent.path("found").asBoolean(true)).isTrue();

        // A returning visit: new session, the kept profile id.
        ObjectNode returning = trackerBody(UUID.randomUUID().toString(), profileId);
        JsonNode second = JSON.readTree(post("/track", returning.toString()).body());
        assertThat(second.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(second.path("events")).hasSize(4);
        JsonNode visited = elastic("/" + alias("profile") + "/_doc/" + profileId).path("_source");
        assertThat(visited.path("metadata").path("time").path("visit").path("count").asInt()).isEqualTo(2);

        // The same session again: no new visit, only its own events.
        JsonNode again = JSON.readTree(post("/track", returning.toString()).body());
        assertThat(again.path("events")).hasSize(2);
        assertThat(again.path("session").path("saved").asInt()).isZero();
    }

    @Test
    void aForgedProfileIdIsNeverAdopted() throws Exception {
        ObjectNode body = trackerBody(UUID.randomUUID().toString(), "forged-" + UUID.randomUUID());
        JsonNode answer = JSON.readTree(post("/track", body.toString()).body());
        assertThat(answer.path("profile").path("id").asText()).doesNotStartWith("forged-").isNotBlank();
    }

    @Test
    void concurrentFirstRequestsOfOneSessionCreateOneProfile() throws Exception {
        String session = UUID.randomUUID().toString();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(HTTP.sendAsync(request("/track").POST(HttpRequest.BodyPublishers.ofString(
                    trackerBody(session, null).toString())).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> profiles = new HashSet<>();
        int stored = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            profiles.add(answer.path("profile").path("id").asText());
            stored += answer.path("events").size();
        }
        assertThat(profiles).hasSize(1);
        // 12 × 2 payload events plus one set of the three system events, none lost or doubled.
        assertThat(stored).isEqualTo(12 * 2 + 3);
        elasticPost("/" + alias("profile") + "/_refresh", "");
        JsonNode count = elasticPost("/" + alias("profile") + "/_count",
                "{\"query\":{\"term\":{\"id\":\"" + profiles.iterator().next() + "\"}}}");
        assertThat(count.path("count").asInt()).isEqualTo(1);
    }

    @Test
    void putAnswersAtOnceAndTheBatchIsStillProcessed() throws Exception {
        ObjectNode body = trackerBody(UUID.randomUUID().toString(), null);
        HttpResponse<String> response = send(request("/track").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("warnings").toString()).contains("Asynchronous track");
        String profileId = answer.path("profile").path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode profile;
        do {
            Thread.sleep(200);
            profile = elastic("/" + alias("profile") + "/_doc/" + profileId);
        } while (!profile.path("found").asBoolean() && System.nanoTime() < deadline);
        assertThat(profile.path("found").asBoolean()).isTrue();
    }

    @Test
    void badInputGetsAClearClientError() throws Exception {
        assertError(post("/track", "{not json"), 422, "json_invalid");
        assertError(post("/track", "[1,2]"), 422, "dict_type");
        assertError(post("/track", "{\"events\":[]}"), 422, "source");
        assertError(post("/track", "{\"source\":{\"id\":\"" + SOURCE + "\"}}"), 422, "events");
        assertError(post("/track", "{\"source\":{\"id\":\"" + SOURCE + "\"},\"events\":{}}"), 422, "list_type");
        assertError(post("/track", "{\"source\":{\"id\":\"" + SOURCE + "\"},\"events\":[{\"type\":\"  \"}]}"), 422, "type");
        assertError(post("/track", "{\"source\":{\"id\":\"" + SOURCE + "\"},\"events\":[{}]}"), 422, "missing");
        assertError(post("/track", "{\"source\":{\"id\":\"" + SOURCE + "\"},\"events\":[{\"type\":\"a\"}],"
                + "\"options\":{\"scheduledFlowId\":\"x\"}}"), 422, "Scheduled execution is internal only.");
        assertError(post("/track", "{\"source\":{\"id\":\"nope\"},\"events\":[{\"type\":\"a\"}]}"), 401, "Invalid event source");
        assertError(post("/track", "{\"source\":{\"id\":\"@internal\"},\"events\":[{\"type\":\"a\"}]}"), 401,
                "Internal event sources are not allowed via API.");
        assertError(post("/track", "{\"source\":{\"id\":\"disabled-source\"},\"events\":[{\"type\":\"a\"}]}"), 401,
                "Event source disabled.");
        assertError(post("/track", "{\"source\":{\"id\":\"hook-source\"},\"events\":[{\"type\":\"a\"}]}"), 401,
                "Event source type not allowed for this endpoint.");
        assertError(post("/track", "{\"source\":{\"id\":\"" + "x".repeat(5000) + "\"},\"events\":[{\"type\":\"a\"}]}"), 401,
                "Invalid event source");
        String big = "{\"source\":{\"id\":\"" + SOURCE + "\"},\"events\":[{\"type\":\"a\",\"properties\":{\"x\":\""
                + "y".repeat(3 * 1024 * 1024) + "\"}}]}";
        assertError(post("/track", big), 413, "Payload too large");
        HttpResponse<String> bot = send(request("/track").header("User-Agent",
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").POST(HttpRequest.BodyPublishers.ofString(
                "{\"source\":{\"id\":\"" + SOURCE + "\"},\"events\":[{\"type\":\"a\"}]}")));
        assertError(bot, 401, "Bot traffic is not allowed.");
        HttpResponse<String> empty = post("/track", "{\"source\":{\"id\":\"" + SOURCE + "\"},\"events\":[]}");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo("null");
    }

    @Test
    void bodiesAreParsedWhateverTheContentTypeAndMayBeGzipped() throws Exception {
        String body = trackerBody(UUID.randomUUID().toString(), null).toString();
        HttpResponse<String> plain = send(request("/track").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(trackerBody(UUID.randomUUID().toString(), null).toString().getBytes());
        }
        HttpResponse<String> gz = send(request("/track/").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())));
        assertThat(gz.statusCode()).as(gz.body()).isEqualTo(200);
        assertThat(JSON.readTree(gz.body()).path("profile").path("id").asText()).isNotBlank();
    }

    @Test
    void aCorruptGzipBodyIsAnInvalidBodyNotAServerError() throws Exception {
        for (String method : new String[] {"POST", "PUT"}) {
            HttpResponse<String> corrupt = send(request("/track").header("Content-Encoding", "gzip")
                    .method(method, HttpRequest.BodyPublishers.ofString("this is not gzip")));
            assertError(corrupt, 422, "Invalid gzip body");
        }
    }

    @Test
    void theBenchmarkEndpointIsOffByDefault() throws Exception {
        String body = trackerBody(UUID.randomUUID().toString(), null).toString();
        assertThat(post("/bench/noop", body).statusCode()).isEqualTo(404);
    }

    private static void assertError(HttpResponse<String> response, int status, String mention) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).has("detail")).as(response.body()).isTrue();
        assertThat(response.body()).contains(mention);
    }

    private static ObjectNode trackerBody(String sessionId, String profileId) {
        ObjectNode body = TrackerCapture.body().deepCopy();
        body.putObject("session").put("id", sessionId);
        if (profileId == null) {
            body.putNull("profile");
        } else {
            body.putObject("profile").put("id", profileId);
        }
        body.putObject("options").put("debugger", true);
        return body;
    }

    private static String alias(String kind) {
        return NAMESPACE.indexPrefix() + ".default.prod." + kind;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode elastic(String path) throws Exception {
        return JSON.readTree(TestStack.httpGet(TestStack.get("ELASTIC_HOST") + path).body());
    }

    private static JsonNode elasticPost(String path, String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(TestStack.get("ELASTIC_HOST") + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
