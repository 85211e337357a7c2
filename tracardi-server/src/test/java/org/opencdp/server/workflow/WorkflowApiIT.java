package org.opencdp.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;

/** {@code /tql/validate} and {@code /flow/debug} over HTTP on the real stack. */
class WorkflowApiIT {

    private static PrivateApiFixture api;
    private static String developer;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("workflow");
        developer = api.tokenFor(ApiRoles.DEVELOPER);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void conditionsAreValidatedAsRawTextOrFormField() throws Exception {
        HttpResponse<String> ok = api.post("/tql/validate", developer, "profile@stats.visits > 10 AND event@type == \"sign-in\"");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("true");
        HttpResponse<String> bad = api.post("/tql/validate", developer, "profile@stats.visits >> 10");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(api.parse(bad).path("detail").asText()).contains("column");
        HttpResponse<String> unknownFunction = api.post("/tql/validate", developer, "nosuch(profile@id) == 1");
        assertThat(unknownFunction.statusCode()).isEqualTo(400);
        HttpResponse<String> form = api.send(api.request("/tql/validate", developer)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("condition=profile%40stats.views+%3E+0")));
        assertThat(form.body()).isEqualTo("true");
        assertThat(api.post("/tql/validate", api.tokenFor(ApiRoles.MAINTAINER), "profile@id EXISTS").statusCode()).isEqualTo(403);
    }

    @Test
    void debugRunsTheGraphOnASyntheticEventAndPersistsNothing() throws Exception {
        JsonNode flow = FlowEngineTest.fixture("flow_start_increase_views_end.json");
        HttpResponse<String> response = api.post("/flow/debug", developer, flow.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.parse(response);
        assertThat(body.path("debugInfo").path("flow").path("error").size()).isZero();
        assertThat(body.path("debugInfo").path("event").path("id").asText()).isEqualTo("@debug-event-id");
        JsonNode nodes = body.path("debugInfo").path("nodes");
        assertThat(nodes.size()).isEqualTo(3);
        JsonNode views = null;
        for (JsonNode node : nodes) {
            if (node.path("name").asText().equals("Increase views")) {
                views = node;
            }
        }
        assertThat(views).isNotNull();
        assertThat(views.path("calls").get(0).path("profile").path("stats").path("views").asInt()).isEqualTo(1);
        assertThat(body.path("update").isNull()).isTrue();
        assertThat(body.path("ux").isArray()).isTrue();
        assertThat(api.get("/profile/@debug-profile-id", developer).statusCode()).isIn(404, 405);
    }

    @Test
    void aFlowThatDoesNotCompileAnswersWithTheErrorAndNoNodes() throws Exception {
        ObjectNode flow = (ObjectNode) FlowEngineTest.fixture("flow_start_increase_views_end.json");
        ((ObjectNode) flow.path("flowGraph").path("nodes").get(1).path("data").path("spec")).put("className", "Missing");
        JsonNode body = api.parse(api.post("/flow/debug", developer, flow.toString()));
        assertThat(body.path("debugInfo").path("flow").path("error").get(0).path("msg").asText()).contains("No plugin for id");
        assertThat(body.path("debugInfo").path("nodes").size()).isZero();
    }

    @Test
    void flowsAreValidatedOnSaveAndTheErrorNamesTheNode() throws Exception {
        ObjectNode unknown = (ObjectNode) FlowEngineTest.fixture("flow_start_increase_views_end.json");
        ((ObjectNode) unknown.path("flowGraph").path("nodes").get(1).path("data").path("spec")).put("className", "NoSuchAction");
        String nodeId = unknown.path("flowGraph").path("nodes").get(1).path("id").asText();
        for (String path : new String[]{"/flow/draft", "/flow/production"}) {
            HttpResponse<String> refused = api.post(path, developer, unknown.toString());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(api.parse(refused).path("detail").get(0).path("loc").get(1).asText()).contains(nodeId);
            assertThat(refused.body()).contains("No plugin for id");
        }
        ObjectNode cycle = (ObjectNode) FlowEngineTest.fixture("flow_start_increase_views_end.json");
        JsonNode nodes = cycle.path("flowGraph").path("nodes");
        ((ObjectNode) nodes.get(2).path("data").path("spec")).putArray("outputs").add("payload");
        cycle.withArray("/flowGraph/edges").addObject().put("id", "back").put("source", nodes.get(2).path("id").asText())
                .put("sourceHandle", "payload").put("target", nodes.get(1).path("id").asText()).put("targetHandle", "payload");
        HttpResponse<String> cyclic = api.post("/flow/draft", developer, cycle.toString());
        assertThat(cyclic.statusCode()).isEqualTo(422);
        assertThat(cyclic.body()).contains("cycle");
        assertThat(api.post("/flow/draft", developer, FlowEngineTest.fixture("flow_start_increase_views_end.json").toString())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void installPluginsSeedsTheRegistryTheEditorLists() throws Exception {
        String admin = api.tokenFor(ApiRoles.ADMIN);
        JsonNode first = api.parse(api.get("/install/plugins", admin));
        assertThat(first.path("installed").size()).isGreaterThanOrEqualTo(40);
        assertThat(first.path("errors").size()).isZero();
        assertThat(api.parse(api.get("/install/plugins", admin)).path("installed").size()).isEqualTo(first.path("installed").size());
        JsonNode listed = api.parse(api.get("/flow/action/plugins", developer));
        assertThat(listed.path("grouped").toString()).contains("StartAction").contains("IncreaseViewsAction")
                .contains("SmtpDispatcherAction");
        assertThat(api.get("/install/plugins", developer).statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownStoredEventAnswers404() throws Exception {
        HttpResponse<String> response = api.post("/flow/debug?event_id=no-such-event", developer,
                FlowEngineTest.fixture("flow_start_increase_views_end.json").toString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"detail\":\"Could not find event id no-such-event.\"}");
        assertThat(api.post("/flow/debug", api.tokenFor(ApiRoles.MARKETER), "{}").statusCode()).isEqualTo(403);
    }
}
