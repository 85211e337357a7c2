package org.opencdp.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.event.TrackerCapture;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.testing.PrivateApiFixture;
import org.opencdp.server.testing.TestStack;

/**
 * Rules, deployed flows and segments on a real /track (processing P13–P15): the flows of Tracardi's override test
 * shape the profile, the flow's response and UX reach the answer, and a conditional segment is added.
 */
class WorkflowEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TenantScope STAGING = TenantScope.staging(PrivateApiFixture.TENANT);
    private static PrivateApiFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("wfe2e");
        Jdbi jdbi = api.mysql().jdbi();
        new EventSourceDao(jdbi, JSON, ConfigChangePublisher.NONE).upsert(STAGING, EventSource.fromJson(JSON.readTree(
                "{\"id\":\"js-source-1\",\"name\":\"Web\",\"type\":[\"rest\"],\"enabled\":true}")));
        insertFlow(jdbi, "flow-a", FlowEngineTest.fixture("flow_override_1.json"));
        insertFlow(jdbi, "flow-b", FlowEngineTest.fixture("flow_override_2.json"));
        insertRule(jdbi, "rule-1", "override rule", "flow-a");
        insertRule(jdbi, "rule-2", "override rule", "flow-b");
        // A flow that fails on its Copy node (event@properties.a is missing), then one that still runs after it.
        insertFlow(jdbi, "flow-broken", FlowEngineTest.fixture("flow_override_1.json"));
        insertFlow(jdbi, "flow-views", FlowEngineTest.fixture("flow_start_increase_views_end.json"));
        insertRule(jdbi, "rule-3", "a broken", "flow-broken", "broken");
        insertRule(jdbi, "rule-4", "b views", "flow-views", "broken");
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO segment (tenant, production, id, name, enabled, machine_name, data)
                        VALUES ('default', FALSE, 'seg-1', 'Test segment', TRUE, 'test-segment', :data)""")
                .bind("data", "{\"id\":\"seg-1\",\"name\":\"Test segment\",\"eventType\":[],\"condition\":\"profile@stats.views>0\","
                        + "\"enabled\":true,\"machine_name\":\"test-segment\"}").execute());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static void insertFlow(Jdbi jdbi, String id, JsonNode flow) {
        ObjectNode record = JSON.createObjectNode().put("id", id).put("name", flow.path("name").asText());
        record.set("draft", flow);
        record.set("production", flow);
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO workflow (tenant, production, id, name, deployed, data)
                        VALUES ('default', FALSE, :id, :name, TRUE, :data)""")
                .bind("id", id).bind("name", flow.path("name").asText()).bind("data", record.toString()).execute());
    }

    private static void insertRule(Jdbi jdbi, String id, String name, String flowId) {
        insertRule(jdbi, id, name, flowId, "override");
    }

    private static void insertRule(Jdbi jdbi, String id, String name, String flowId, String eventType) {
        String data = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"event_type\":{\"id\":\"" + eventType + "\"},"
                + "\"source\":{\"id\":\"js-source-1\"},\"flow\":{\"id\":\"" + flowId + "\"},\"enabled\":true}";
        jdbi.useHandle(handle -> handle.createUpdate("""
                        INSERT INTO workflow_trigger (tenant, production, id, name, enabled, event_type_id, source_id, flow_id, data)
                        VALUES ('default', FALSE, :id, :name, TRUE, :type, 'js-source-1', :flow, :data)""")
                .bind("type", eventType).bind("id", id).bind("name", name).bind("flow", flowId).bind("data", data).execute());
    }

    private static HttpResponse<String> track(String type, String properties) throws Exception {
        ObjectNode body = TrackerCapture.body().deepCopy();
        body.putObject("session").put("id", UUID.randomUUID().toString());
        body.putNull("profile");
        body.putObject("options").put("debugger", true);
        ObjectNode event = body.withArray("events").get(0).deepCopy();
        event.put("type", type);
        event.set("properties", JSON.readTree(properties));
        body.putArray("events").add(event);
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.url("/track")))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFailingFlowStopsOnlyItselfAndIsLoggedOnTheEvent() throws Exception {
        HttpResponse<String> response = track("broken", "{}");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 226);
        JsonNode answer = JSON.readTree(response.body());
        String profileId = answer.path("profile").path("id").asText();
        // The broken flow counted a view before its Copy node failed; the second rule's flow still ran after it.
        assertThat(storedProfile(profileId).path("stats").path("views").asInt()).isEqualTo(2);
        // Payload events come first in the answer, system events after them.
        String eventId = answer.path("events").get(0).asText();
        assertThat(answer.path("errors").toString()).contains("event@properties.a");
        String logs = TestStack.environment().get("ELASTIC_HOST") + "/" + api.namespace().indexPrefix() + ".default.stage.log";
        HTTP.send(HttpRequest.newBuilder(URI.create(logs + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(logs + "/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"query\":{\"term\":{\"event_id\":\"" + eventId + "\"}}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(found.body()).contains("event@properties.a").contains("flow-broken");
    }

    @Test
    void twoRulesOnOneEventGiveTracardisOverrideExpectation() throws Exception {
        HttpResponse<String> response = track("override", "{\"a\": 1, \"b\": 2}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String profileId = JSON.readTree(response.body()).path("profile").path("id").asText();
        JsonNode profile = storedProfile(profileId);
        assertThat(profile.path("stats").path("views").asInt()).isEqualTo(2);
        assertThat(profile.path("stats").path("visits").asInt()).isEqualTo(1);
        assertThat(profile.path("traits").path("a").asInt()).isIn(1, 2);
        assertThat(profile.path("traits").path("b")).hasSize(2);
        assertThat(profile.path("segments").toString()).contains("test-segment");
    }

    private static JsonNode storedProfile(String id) throws Exception {
        String url = TestStack.environment().get("ELASTIC_HOST") + "/" + api.namespace().indexPrefix() + ".default.stage.profile/_doc/" + id;
        HttpResponse<String> found = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return JSON.readTree(found.body()).path("_source");
    }
}
