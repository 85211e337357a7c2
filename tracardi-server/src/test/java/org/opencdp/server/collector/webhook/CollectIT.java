package org.opencdp.server.collector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
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
 * {@code /collect/{event_type}/{source_id}[/{session_id}]} end to end on the real stack, in the all-in-one role:
 * every way a webhook can send its data ends as one stored event with the right type and properties, answered
 * with the {@code /track} result; bad input gets a 4xx, never a 5xx.
 */
class CollectIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("collect");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String HOOK = "hook-source-1";
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));
    private static DropwizardAppExtension<TracardiConfiguration> app;

    @BeforeAll
    static void start() throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(NAMESPACE.overrides(true)));
        // These tests use the production scope; all-in-one collects into staging unless locked to production.
        overrides.add(ConfigOverride.config("context.production", "true"));
        overrides.add(ConfigOverride.config("collector.awaitTimeout", "30s"));
        overrides.add(ConfigOverride.config("worker.threads", "4"));
        app = new DropwizardAppExtension<>(TracardiApplication.class, "../config/all-in-one.yml", (String) null,
                application -> new RoleCommand(application, Role.ALL_IN_ONE), overrides.toArray(ConfigOverride[]::new));
        app.before();
        TracardiConfiguration config = app.getConfiguration();
        try (MysqlStore mysql = MysqlStore.connect(config.mysql(), new com.codahale.metrics.MetricRegistry(), "test")) {
            EventSourceDao sources = new EventSourceDao(mysql.jdbi(), JSON, ConfigChangePublisher.NONE);
            source(sources, "{\"id\":\"" + HOOK + "\",\"name\":\"Hook\",\"type\":[\"webhook\"],\"channel\":\"Webhook\",\"enabled\":true}");
            source(sources, "{\"id\":\"rest-source\",\"name\":\"Web\",\"type\":[\"rest\"],\"enabled\":true}");
            source(sources, "{\"id\":\"disabled-hook\",\"name\":\"Off\",\"type\":[\"webhook\"],\"enabled\":false}");
            source(sources, "{\"id\":\"generating-hook\",\"name\":\"Gen\",\"type\":[\"webhook\"],\"enabled\":true,"
                    + "\"config\":{\"generate_profile\":true}}");
            source(sources, "{\"id\":\"replacing-hook\",\"name\":\"Rep\",\"type\":[\"webhook\"],\"enabled\":true,"
                    + "\"config\":{\"replace_profile_id\":\"customer.id\"}}");
        }
    }

    private static void source(EventSourceDao sources, String json) throws Exception {
        sources.upsert(SCOPE, EventSource.fromJson(JSON.readTree(json)));
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    @Test
    void aGetTracksTheQueryStringProfileLessAndSessionLess() throws Exception {
        String type = uniqueType("query-hook");
        HttpResponse<String> response = send(request("/collect/" + type + "/" + HOOK + "?a=1&b=x&b=y&q=a+b%20c")
                .header("Authorization", "Bearer secret").header("X-Hook-Id", "h-1").GET());
        JsonNode answer = accepted(response);
        assertThat(answer.path("profile").path("id").isNull()).as(response.body()).isTrue();
        assertThat(answer.path("session").path("id").isNull()).as(response.body()).isTrue();
        assertThat(answer.path("task").asText()).isNotBlank();
        assertThat(answer.path("ux").isArray()).isTrue();
        assertThat(answer.path("response").isObject()).isTrue();
        assertThat(answer.path("events").isArray()).isTrue();
        assertThat(answer.path("errors")).isEmpty();
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");

        JsonNode event = storedEvent(type);
        assertThat(event.path("type").asText()).isEqualTo(type);
        assertThat(event.path("properties")).isEqualTo(JSON.readTree("{\"a\":\"1\",\"b\":[\"x\",\"y\"],\"q\":\"a b c\"}"));
        assertThat(event.path("profile").isNull()).isTrue();
        assertThat(event.path("session").isNull()).isTrue();
        assertThat(event.path("metadata").path("profile_less").asBoolean()).isTrue();
        assertThat(event.path("source").path("id").asText()).isEqualTo(HOOK);
        assertThat(event.path("request").path("headers").path("x-hook-id").asText()).isEqualTo("h-1");
        assertThat(event.path("request").path("headers").has("authorization")).isFalse();
    }

    @Test
    void aJsonObjectIsThePropertiesAsIs() throws Exception {
        String type = uniqueType("json-hook");
        String body = "{\"id\":\"ORD-2024-000815\",\"status\":\"paid\",\"value\":249.9,\"customer\":{\"email\":\"anna@example.com\"}}";
        accepted(post("/collect/" + type + "/" + HOOK, body, "application/json"));
        assertThat(storedEvent(type).path("properties")).isEqualTo(JSON.readTree(body));

        // No content type is JSON too, and the type is normalised.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        accepted(send(request("/collect/Untyped%20Hook%20" + suffix + "/" + HOOK).POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}"))));
        JsonNode untyped = storedEvent("untyped-hook-" + suffix);
        assertThat(untyped.path("properties")).isEqualTo(JSON.readTree("{\"k\":1}"));
        assertThat(untyped.path("name").asText()).isEqualTo("Untyped Hook " + suffix.substring(0, 1).toUpperCase() + suffix.substring(1));
    }

    @Test
    void otherJsonValuesAreWrappedAndInvalidJsonIsEmpty() throws Exception {
        String array = uniqueType("array-hook");
        accepted(post("/collect/" + array + "/" + HOOK, "[1,\"two\",{\"three\":3}]", "application/json"));
        assertThat(storedEvent(array).path("properties")).isEqualTo(JSON.readTree("{\"value\":[1,\"two\",{\"three\":3}]}"));

        String scalar = uniqueType("scalar-hook");
        accepted(post("/collect/" + scalar + "/" + HOOK, "\"just text\"", "application/json; charset=utf-8"));
        assertThat(storedEvent(scalar).path("properties")).isEqualTo(JSON.readTree("{\"value\":\"just text\"}"));

        String invalid = uniqueType("invalid-hook");
        accepted(post("/collect/" + invalid + "/" + HOOK, "{not json", "application/json"));
        assertThat(storedEvent(invalid).path("properties")).isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void formFieldsAreTheProperties() throws Exception {
        String urlEncoded = uniqueType("form-hook");
        accepted(post("/collect/" + urlEncoded + "/" + HOOK, "a=1&b=x&b=y&name=Anna+K%C3%B3w", "application/x-www-form-urlencoded"));
        assertThat(storedEvent(urlEncoded).path("properties"))
                .isEqualTo(JSON.readTree("{\"a\":\"1\",\"b\":[\"x\",\"y\"],\"name\":\"Anna Ków\"}"));

        String multipart = uniqueType("multipart-hook");
        String body = "--B0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + "--B0undary\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"x.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nBINARY\r\n"
                + "--B0undary\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx\r\n"
                + "--B0undary\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\ny\r\n--B0undary--\r\n";
        accepted(post("/collect/" + multipart + "/" + HOOK, body, "multipart/form-data; boundary=B0undary"));
        assertThat(storedEvent(multipart).path("properties")).isEqualTo(JSON.readTree("{\"a\":\"1\",\"b\":[\"x\",\"y\"]}"));
    }

    @Test
    void anyOtherContentTypeIsKeptAsTextAndGzipIsAccepted() throws Exception {
        String text = uniqueType("text-hook");
        accepted(post("/collect/" + text + "/" + HOOK, "plain text, {\"not\": \"parsed\"}", "text/plain"));
        assertThat(storedEvent(text).path("properties")).isEqualTo(JSON.readTree("{\"body\":\"plain text, {\\\"not\\\": \\\"parsed\\\"}\"}"));

        String zipped = uniqueType("gzip-hook");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{\"zipped\":true}".getBytes(StandardCharsets.UTF_8));
        }
        accepted(send(request("/collect/" + zipped + "/" + HOOK + "/").header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()))));
        assertThat(storedEvent(zipped).path("properties")).isEqualTo(JSON.readTree("{\"zipped\":true}"));
    }

    @Test
    void theSessionRouteKeepsTheSessionAndResolvesItsProfile() throws Exception {
        String type = uniqueType("session-hook");
        String session = UUID.randomUUID().toString();
        JsonNode first = accepted(post("/collect/" + type + "/" + HOOK + "/" + session, "{\"step\":1}", "application/json"));
        String profileId = first.path("profile").path("id").asText(null);
        assertThat(profileId).as(first.toString()).isNotBlank();
        assertThat(first.path("session").path("id").asText()).isEqualTo(session);

        JsonNode event = storedEvent(type);
        assertThat(event.path("properties")).isEqualTo(JSON.readTree("{\"step\":1}"));
        assertThat(event.path("session").path("id").asText()).isEqualTo(session);
        assertThat(event.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(event.path("metadata").path("profile_less").asBoolean()).isFalse();

        JsonNode second = accepted(send(request("/collect/" + type + "/" + HOOK + "/" + session + "?step=2").GET()));
        assertThat(second.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(second.path("session").path("id").asText()).isEqualTo(session);
        elasticPost("/" + alias("session") + "/_refresh", "");
        assertThat(elasticPost("/" + alias("session") + "/_count", "{\"query\":{\"term\":{\"id\":\"" + session + "\"}}}")
                .path("count").asInt()).as("the session is saved").isEqualTo(1);
    }

    @Test
    void generateProfileLandsEveryCallAboutOneEmailOnOneProfile() throws Exception {
        String body = "{\"email\":{\"main\":\"Anna." + UUID.randomUUID() + "@Example.com\"}}";
        JsonNode first = accepted(post("/collect/sign-up/generating-hook", body, "application/json"));
        String email = JSON.readTree(body).path("email").path("main").asText();
        HashedIds hashes = new HashedIds(TestStack.SALT);
        String expected = hashes.hash("data.contact.email.main", email).orElseThrow();
        assertThat(first.path("profile").path("id").asText()).as(first.toString()).isEqualTo(expected);
        assertThat(first.path("session").path("id").asText()).isEqualTo(hashes.stickySessionId(expected));

        JsonNode second = accepted(post("/collect/sign-up/generating-hook", body, "application/json"));
        assertThat(second.path("profile").path("id").asText()).isEqualTo(expected);
        assertThat(elastic("/" + alias("profile") + "/_doc/" + expected).path("found").asBoolean()).isTrue();

        // Without a merging-key value the ids are random.
        JsonNode random = accepted(post("/collect/order-completed/generating-hook", "{\"id\":\"o-1\"}", "application/json"));
        assertThat(random.path("profile").path("id").asText(null)).isNotBlank().isNotEqualTo(expected);
        assertThat(random.path("session").path("id").asText(null)).isNotBlank();
    }

    @Test
    void generateProfileFindsTheProfileThatListsTheHashedId() throws Exception {
        String email = "known." + UUID.randomUUID() + "@example.com";
        HashedIds hashes = new HashedIds(TestStack.SALT);
        String hashed = hashes.hash("data.contact.email.main", email).orElseThrow();
        String existing = UUID.randomUUID().toString();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(TestStack.get("ELASTIC_HOST") + "/"
                        + alias("profile") + "/_doc/" + existing + "?refresh=true"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + existing
                        + "\",\"ids\":[\"" + existing + "\",\"" + hashed + "\"],\"metadata\":{\"time\":{\"insert\":\"2024-01-01T00:00:00Z\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isBetween(200, 201);

        JsonNode answer = accepted(post("/collect/sign-in/generating-hook", "{\"email\":{\"main\":\"" + email + "\"}}",
                "application/json"));
        assertThat(answer.path("profile").path("id").asText()).as(answer.toString()).isEqualTo(existing);
        assertThat(answer.path("session").path("id").asText()).isEqualTo(hashes.stickySessionId(hashed));
        assertThat(answer.path("warnings")).isEmpty();
    }

    @Test
    void replaceProfileIdTakesTheProfileFromAProperty() throws Exception {
        String customer = "customer-" + UUID.randomUUID();
        String type = uniqueType("replace-hook");
        JsonNode answer = accepted(post("/collect/" + type + "/replacing-hook",
                "{\"customer\":{\"id\":\"" + customer + "\"}}", "application/json"));
        assertThat(answer.path("profile").path("id").asText()).as(answer.toString()).isEqualTo(customer);
        assertThat(answer.path("session").path("id").asText()).isEqualTo(customer);
        JsonNode event = storedEvent(type);
        assertThat(event.path("profile").path("id").asText()).isEqualTo(customer);
        assertThat(elastic("/" + alias("profile") + "/_doc/" + customer).path("found").asBoolean()).isTrue();
    }

    @Test
    void sourceAndSizeErrorsAreClientErrors() throws Exception {
        assertError(post("/collect/x/rest-source", "{}", "application/json"), 401, "Event source type not allowed for this endpoint.");
        assertError(send(request("/collect/x/rest-source?a=1").GET()), 401, "Event source type not allowed for this endpoint.");
        assertError(post("/collect/x/unknown-source", "{}", "application/json"), 401, "Invalid event source");
        assertError(post("/collect/x/" + UUID.randomUUID() + "/" + UUID.randomUUID(), "{}", "application/json"), 401,
                "Invalid event source");
        assertError(post("/collect/x/@internal", "{}", "application/json"), 401, "Internal event sources are not allowed via API.");
        assertError(send(request("/collect/x/%40internal/s-1").GET()), 401, "Internal event sources are not allowed via API.");
        assertError(post("/collect/x/disabled-hook", "{}", "application/json"), 401, "Event source disabled.");
        assertError(post("/collect/x/" + HOOK, "y".repeat(3 * 1024 * 1024), "text/plain"), 413, "Payload too large");
        assertError(post("/collect/x/" + HOOK, "{\"x\":\"" + "y".repeat(3 * 1024 * 1024) + "\"}", "application/json"), 413,
                "Payload too large");
        HttpResponse<String> bot = send(request("/collect/x/" + HOOK).header("User-Agent",
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").GET());
        assertError(bot, 401, "Bot traffic is not allowed.");
    }

    @Test
    void badInputNeverGivesAServerError() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(post("/collect/%20/" + HOOK, "{}", "application/json"));
        responses.add(send(request("/collect/x/" + HOOK + "?a=%E0%A4&&==&c").GET()));
        responses.add(post("/collect/x/" + HOOK, "--b\r\nbroken", "multipart/form-data; boundary=b"));
        responses.add(post("/collect/x/" + HOOK, "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1", "multipart/form-data"));
        responses.add(post("/collect/x/" + HOOK, "a=%&b=%%%", "application/x-www-form-urlencoded; charset=nonsense"));
        responses.add(post("/collect/x/" + HOOK, "[".repeat(100_000), "application/json"));
        responses.add(send(request("/collect/x/" + HOOK).header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("not gzip at all"))));
        responses.add(send(request("/collect/x/" + HOOK).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}))));
        responses.add(send(request("/collect/x/" + HOOK).header("Content-Type", "weird/;;=;charset").POST(HttpRequest.BodyPublishers.ofString("x"))));
        responses.add(send(request("/collect/x/" + HOOK + "/s-1/extra").GET()));
        responses.add(send(request("/collect/x/" + HOOK).method("HEAD", HttpRequest.BodyPublishers.noBody())));
        responses.add(send(request("/collect/x/" + HOOK).PUT(HttpRequest.BodyPublishers.ofString("{}"))));
        for (HttpResponse<String> response : responses) {
            String seen = response.request().method() + " " + response.request().uri() + " "
                    + response.request().headers().map() + " → " + response.statusCode() + " " + response.body();
            assertThat(response.statusCode()).as(seen).isLessThan(500);
            // Jetty itself answers an unparseable Content-Type with its HTML 400 page before the application runs.
            boolean jettyRejected = response.request().headers().firstValue("Content-Type").orElse("").startsWith("weird/");
            if (response.statusCode() >= 400 && !response.request().method().equals("HEAD") && !jettyRejected) {
                assertThat(JSON.readTree(response.body()).has("detail")).as(seen).isTrue();
            }
        }
        assertError(responses.get(0), 422, "event_type");
        assertThat(responses.get(1).statusCode()).isEqualTo(200);
        assertError(responses.get(9), 404, "Not Found");
        assertThat(responses.get(10).statusCode()).isEqualTo(405);
        assertError(responses.get(11), 405, "Method Not Allowed");
        // Malformed percent escapes cannot be sent through java.net.URI.
        assertThat(rawStatus("GET /collect/x/" + HOOK + "?%zz=%&a=%E0%A4%%% HTTP/1.1")).isBetween(200, 499);
        assertThat(rawStatus("GET /collect/x/" + HOOK + "/%zz HTTP/1.1")).isBetween(200, 499);
    }

    private static int rawStatus(String requestLine) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.getLocalPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static String uniqueType(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode accepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.has("task") && answer.has("profile") && answer.has("session")).as(response.body()).isTrue();
        assertThat(answer.path("warnings").toString()).as("processed, not deferred").doesNotContain("deferred");
        return answer;
    }

    /** The one stored event of a type, polled until Elasticsearch has it (bounded). */
    private static JsonNode storedEvent(String type) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode hits;
        do {
            hits = elasticPost("/" + alias("event") + "/_search",
                    "{\"query\":{\"term\":{\"type\":\"" + type + "\"}}}").path("hits").path("hits");
            if (hits.size() > 0) {
                break;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertThat(hits.size()).as("stored events of type " + type).isEqualTo(1);
        return hits.get(0).path("_source");
    }

    private static void assertError(HttpResponse<String> response, int status, String mention) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).has("detail")).as(response.body()).isTrue();
        assertThat(response.body()).contains(mention);
    }

    private static String alias(String kind) {
        return NAMESPACE.indexPrefix() + ".default.prod." + kind;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path)).timeout(Duration.ofSeconds(60));
    }

    private static HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
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
