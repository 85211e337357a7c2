package org.opencdp.server.visit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The visit closer on the real stack (all-in-one role, inactivity of 3 s): a visit without events is closed once
 * with {@code visit-ended} and the session ends; activity in the same session afterwards starts a new visit.
 */
class VisitCloserIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("visits");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SOURCE = "js-visits";
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));
    private static DropwizardAppExtension<TracardiConfiguration> app;

    @BeforeAll
    static void start() throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(NAMESPACE.overrides(true)));
        overrides.add(ConfigOverride.config("collector.awaitTimeout", "10s"));
        overrides.add(ConfigOverride.config("collector.trackDebug", "true"));
        overrides.add(ConfigOverride.config("worker.threads", "2"));
        overrides.add(ConfigOverride.config("features.visitEnded", "true"));
        // The test's source lives in production; all-in-one collects into staging unless locked to production.
        overrides.add(ConfigOverride.config("context.production", "true"));
        overrides.add(ConfigOverride.config("features.closeVisitAfter", "3"));
        app = new DropwizardAppExtension<>(TracardiApplication.class, "../config/all-in-one.yml", (String) null,
                application -> new RoleCommand(application, Role.ALL_IN_ONE), overrides.toArray(ConfigOverride[]::new));
        app.before();
        try (MysqlStore mysql = MysqlStore.connect(app.getConfiguration().mysql(), new com.codahale.metrics.MetricRegistry(), "test")) {
            new EventSourceDao(mysql.jdbi(), JSON, ConfigChangePublisher.NONE).upsert(SCOPE, EventSource.fromJson(JSON.readTree(
                    "{\"id\":\"" + SOURCE + "\",\"name\":\"Web\",\"type\":[\"rest\"],\"channel\":\"Web\",\"enabled\":true}")));
        }
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    @Test
    void anInactiveVisitEndsOnceAndLaterActivityStartsANewOne() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        JsonNode first = track(sessionId, null);
        String profileId = first.path("profile").path("id").asText();
        assertThat(profileId).isNotBlank();

        JsonNode ended = awaitVisitEnded(sessionId, Duration.ofSeconds(40));
        assertThat(ended).as("visit-ended of session " + sessionId).isNotNull();
        JsonNode event = ended.path("_source");
        assertThat(event.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(event.path("source").path("id").asText()).isEqualTo(SOURCE);
        assertThat(event.path("tags").path("values").toString()).contains("event:system");
        assertThat(event.path("properties").path("duration").isNumber()).isTrue();

        JsonNode session = session(sessionId);
        assertThat(session.path("metadata").path("status").asText()).isEqualTo("ended");
        assertThat(session.path("metadata").path("time").path("duration").asDouble())
                .isEqualTo(event.path("properties").path("duration").asDouble());

        // Later rounds find the session closed: still exactly one visit-ended.
        Thread.sleep(4_000);
        assertThat(visitEnded(sessionId).path("hits").path("total").path("value").asInt()).isEqualTo(1);

        // Activity in the ended session starts a new visit: the payload events and visit-started.
        JsonNode again = track(sessionId, profileId);
        assertThat(again.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(again.path("events")).hasSize(3);
        assertThat(session(sessionId).path("metadata").path("status").asText()).isEqualTo("started");
    }

    private static JsonNode awaitVisitEnded(String sessionId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode hits = visitEnded(sessionId).path("hits").path("hits");
            if (hits.size() > 0) {
                return hits.get(0);
            }
            Thread.sleep(500);
        }
        return null;
    }

    private static JsonNode visitEnded(String sessionId) throws Exception {
        elasticPost("/" + alias("event") + "/_refresh", "");
        return elasticPost("/" + alias("event") + "/_search", "{\"query\":{\"bool\":{\"filter\":["
                + "{\"term\":{\"type\":\"visit-ended\"}},{\"term\":{\"session.id\":\"" + sessionId + "\"}}]}}}");
    }

    private static JsonNode session(String sessionId) throws Exception {
        elasticPost("/" + alias("session") + "/_refresh", "");
        return elasticPost("/" + alias("session") + "/_search",
                "{\"query\":{\"ids\":{\"values\":[\"" + sessionId + "\"]}}}").path("hits").path("hits").path(0).path("_source");
    }

    private static JsonNode track(String sessionId, String profileId) throws Exception {
        ObjectNode body = TrackerCapture.body().deepCopy();
        body.putObject("source").put("id", SOURCE);
        body.putObject("session").put("id", sessionId);
        if (profileId == null) {
            body.putNull("profile");
        } else {
            body.putObject("profile").put("id", profileId);
        }
        body.putObject("options").put("debugger", true); // the answer lists the event ids
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + "/track"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String alias(String kind) {
        return NAMESPACE.indexPrefix() + ".default.prod." + kind;
    }

    private static JsonNode elasticPost(String path, String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(TestStack.get("ELASTIC_HOST") + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
