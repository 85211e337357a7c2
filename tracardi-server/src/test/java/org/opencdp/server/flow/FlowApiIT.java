package org.opencdp.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;
import org.opencdp.server.testing.TestStack;

/** Flow records, drafts, deployment, restore, lock, layout and the plugin registry (private-api §3.9). */
class FlowApiIT {

    @RegisterExtension
    static final PrivateApiFixture api = PrivateApiFixture.forClass("cfgflow");

    /** A flow with a start node and {@code ends} end nodes, each connected to the start. */
    private static String flow(String id, String name, int ends) {
        ObjectNode flow = api.json().createObjectNode().put("id", id).put("name", name).put("description", "d")
                .put("type", "collection").put("custom_key", "kept");
        ObjectNode graph = flow.putObject("flowGraph");
        ArrayNode nodes = graph.putArray("nodes");
        ArrayNode edges = graph.putArray("edges");
        ObjectNode start = nodes.addObject().put("id", "start").put("type", "flowNode");
        start.putObject("position").put("x", 5).put("y", 5);
        // Real plugin specs: flows are compiled on save, so every node must name an action that exists.
        ObjectNode startData = start.putObject("data").put("start", true);
        ObjectNode startSpec = startData.putObject("spec").put("module", "tracardi.process_engine.action.v1.flow.start.start_action")
                .put("className", "StartAction");
        startSpec.putArray("inputs");
        startSpec.putArray("outputs").add("payload");
        for (int i = 0; i < ends; i++) {
            ObjectNode end = nodes.addObject().put("id", "end" + i).put("type", "flowNode");
            end.putObject("position").put("x", 0).put("y", 0);
            ObjectNode endSpec = end.putObject("data").put("start", false).putObject("spec")
                    .put("module", "tracardi.process_engine.action.v1.end_action").put("className", "EndAction");
            endSpec.putArray("inputs").add("payload");
            endSpec.putArray("outputs");
            edges.addObject().put("id", "e" + i).put("source", "start").put("sourceHandle", "payload").put("target", "end" + i)
                    .put("targetHandle", "payload");
        }
        return flow.toString();
    }

    private static String metadata(String id, String name) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"description\":\"Opis\",\"enabled\":true,"
                + "\"projects\":[\"General\",\"Test\"],\"draft\":\"\",\"production\":\"\",\"lock\":false}";
    }

    private static String saved(String id) {
        return "{\"saved\":1,\"errors\":[],\"ids\":[\"" + id + "\"]}";
    }

    @Test
    void metadataCreatesBothGraphsAndUpdatesTheRecord() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> missing = api.get("/flow/metadata/" + id, api.developer());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"detail\":\"Missing flow record " + id + "\"}");
        assertThat(api.delete("/flow/" + id, api.developer()).body()).isEqualTo("null");
        assertThat(api.get("/flow/draft/" + id, api.developer()).statusCode()).isEqualTo(404);
        assertThat(api.get("/flow/production/" + id, api.developer()).body()).isEqualTo("null");

        assertThat(api.post("/flow/metadata", api.developer(), metadata(id, "Test flow")).body()).isEqualTo(saved(id));
        assertThat(api.get("/flows/refresh", api.developer()).body()).isEqualTo("{}");
        JsonNode record = api.parse(api.get("/flow/metadata/" + id, api.developer()));
        assertThat(record.path("name").asText()).isEqualTo("Test flow");
        assertThat(record.path("projects").toString()).isEqualTo("[\"General\",\"Test\"]");
        assertThat(record.path("deployed").asBoolean()).isFalse();
        assertThat(record.has("draft")).isFalse();
        JsonNode production = api.parse(api.get("/flow/production/" + id, api.developer()));
        assertThat(production.path("name").asText()).isEqualTo("Test flow");
        assertThat(production.path("flowGraph").path("nodes").size()).isZero();
        assertThat(api.parse(api.get("/flow/draft/" + id, api.developer())).path("id").asText()).isEqualTo(id);

        api.post("/flow/metadata", api.developer(), "{\"id\":\"" + id + "\",\"name\":\"New name\",\"description\":\"New Description\","
                + "\"enabled\":false,\"projects\":[\"New\"]}");
        record = api.parse(api.get("/flow/metadata/" + id, api.developer()));
        assertThat(record.path("name").asText()).isEqualTo("New name");
        assertThat(record.path("projects").toString()).isEqualTo("[\"New\"]");

        assertThat(api.post("/flow/draft/metadata", api.developer(), metadata(id, "changed")).statusCode()).isEqualTo(200);
        assertThat(api.parse(api.get("/flow/draft/" + id, api.developer())).path("name").asText()).isEqualTo("changed");
        assertThat(api.post("/flow/draft/metadata", api.developer(), metadata(UUID.randomUUID().toString(), "x")).statusCode())
                .isEqualTo(404);

        JsonNode list = api.parse(api.get("/flows", api.developer()));
        assertThat(list.path("result").toString()).contains(id).doesNotContain("flowGraph");
        assertThat(api.parse(api.get("/flows/entity", api.marketer())).path("result").toString()).contains(id);
        assertThat(api.parse(api.get("/flows/by_tag", api.developer())).path("grouped").has("General")).isTrue();
        assertThat(api.get("/flows", api.marketer()).statusCode()).isEqualTo(403);
        assertThat(api.delete("/flow/" + id, api.developer()).body()).isEqualTo("{\"deleted\":1}");
        assertThat(api.get("/flow/metadata/" + id, api.developer()).statusCode()).isEqualTo(404);
    }

    @Test
    void deployingBacksUpProductionAndRestoreBringsItBack() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> notYet = api.post("/flow/production", api.developer(), flow(id, "Workflow", 1));
        assertThat(notYet.statusCode()).isEqualTo(406);
        assertThat(notYet.body()).isEqualTo("{\"detail\":\"Can not deploy missing draft workflow\"}");

        assertThat(api.post("/flow/draft", api.developer(), flow(id, "Workflow", 1)).body()).isEqualTo(saved(id));
        JsonNode draft = api.parse(api.get("/flow/draft/" + id, api.developer()));
        assertThat(draft.path("flowGraph").path("nodes").size()).isEqualTo(2);
        assertThat(draft.path("custom_key").asText()).isEqualTo("kept");
        // A draft is never deployed (D34): production is still empty and there is nothing to restore the draft from.
        assertThat(api.parse(api.get("/flow/production/" + id, api.developer())).path("flowGraph").path("nodes").size()).isZero();
        assertThat(api.get("/flow/draft/" + id + "/restore", api.developer()).statusCode()).isEqualTo(406);
        assertThat(api.get("/flow/production/" + id + "/restore", api.developer()).statusCode()).isEqualTo(406);

        assertThat(api.post("/flow/production", api.developer(), flow(id, "Workflow", 1)).statusCode()).isEqualTo(200);
        assertThat(api.post("/flow/draft", api.developer(), flow(id, "Workflow changed", 2)).statusCode()).isEqualTo(200);
        assertThat(api.parse(api.get("/flow/draft/" + id, api.developer())).path("flowGraph").path("nodes").size()).isEqualTo(3);
        JsonNode restoredDraft = api.parse(api.get("/flow/draft/" + id + "/restore", api.developer()));
        assertThat(restoredDraft.path("flowGraph").path("nodes").size()).isEqualTo(2);

        assertThat(api.post("/flow/production", api.developer(), flow(id, "Workflow changed", 2)).statusCode()).isEqualTo(200);
        assertThat(api.parse(api.get("/flow/production/" + id, api.developer())).path("flowGraph").path("nodes").size()).isEqualTo(3);
        JsonNode record = api.parse(api.get("/flow/metadata/" + id, api.developer()));
        assertThat(record.path("deployed").asBoolean()).isTrue();
        assertThat(record.path("deploy_timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*\\+00:00");
        JsonNode restored = api.parse(api.get("/flow/production/" + id + "/restore", api.developer()));
        assertThat(restored.path("flowGraph").path("nodes").size()).isEqualTo(2);
        assertThat(api.parse(api.get("/flow/production/" + id, api.developer())).path("flowGraph").path("nodes").size()).isEqualTo(2);
        assertThat(api.get("/flow/production/" + UUID.randomUUID() + "/restore", api.developer()).statusCode()).isEqualTo(404);
    }

    @Test
    void lockIsSavedAndShownOnTheDraft() throws Exception {
        String id = UUID.randomUUID().toString();
        api.post("/flow/metadata", api.developer(), metadata(id, "Locked"));
        assertThat(api.get("/flow/" + id + "/lock/yes", api.developer()).body()).isEqualTo(saved(id));
        assertThat(api.parse(api.get("/flow/metadata/" + id, api.developer())).path("lock").asBoolean()).isTrue();
        assertThat(api.parse(api.get("/flow/draft/" + id, api.developer())).path("lock").asBoolean()).isTrue();
        assertThat(api.get("/flow/" + id + "/lock/no", api.developer()).statusCode()).isEqualTo(200);
        assertThat(api.parse(api.get("/flow/draft/" + id, api.developer())).path("lock").asBoolean()).isFalse();
        assertThat(api.get("/flow/" + UUID.randomUUID() + "/lock/yes", api.developer()).statusCode()).isEqualTo(406);
        assertThat(api.get("/flow/" + id + "/lock/maybe", api.developer()).statusCode()).isEqualTo(422);
    }

    @Test
    void rearrangeLaysNodesOutByDepth() throws Exception {
        JsonNode laid = api.parse(api.post("/flow/draft/nodes/rearrange", api.developer(), flow("r", "Layout", 2)));
        JsonNode nodes = laid.path("flowGraph").path("nodes");
        assertThat(nodes.get(0).path("position").toString()).isEqualTo("{\"x\":0,\"y\":0}");
        assertThat(nodes.get(1).path("position").toString()).isEqualTo("{\"x\":-100,\"y\":200}");
        assertThat(nodes.get(2).path("position").toString()).isEqualTo("{\"x\":100,\"y\":200}");
        assertThat(api.post("/flow/draft/nodes/rearrange", api.developer(), "{\"id\":\"x\",\"name\":\"test\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void pluginRegistryRecords() throws Exception {
        String id = UUID.randomUUID().toString();
        String plugin = "{\"id\":\"" + id + "\",\"metadata\":{\"time\":{}},\"plugin\":{\"start\":false,\"debug\":false,"
                + "\"spec\":{\"className\":\"class_name\",\"module\":\"module\"},\"metadata\":{\"name\":\"Hash data\","
                + "\"group\":[\"Operations\"]}}}";
        HttpResponse<String> saved = api.post("/flow/action/plugin", api.developer(), plugin);
        assertThat(saved.body()).isEqualTo(saved(id));
        JsonNode record = api.parse(api.get("/flow/action/plugin/" + id, api.developer()));
        assertThat(record.path("plugin").path("spec").path("className").asText()).isEqualTo("class_name");
        assertThat(record.path("settings").toString()).isEqualTo("{\"enabled\":true,\"hidden\":false}");
        JsonNode list = api.parse(api.get("/flow/action/plugins?query=hash%20data", api.developer()));
        assertThat(list.path("grouped").path("Operations").size()).isEqualTo(1);

        assertThat(api.get("/flow/action/plugin/" + id + "/enable/no", api.developer()).body()).isEqualTo(saved(id));
        assertThat(api.put("/flow/action/plugin/" + id + "/icon/globe", api.developer(), "").statusCode()).isEqualTo(200);
        assertThat(api.put("/flow/action/plugin/" + id + "/name/Renamed", api.developer(), "").statusCode()).isEqualTo(200);
        record = api.parse(api.get("/flow/action/plugin/" + id, api.developer()));
        assertThat(record.path("settings").path("enabled").asBoolean()).isFalse();
        assertThat(record.path("plugin").path("metadata").path("icon").asText()).isEqualTo("globe");
        assertThat(record.path("plugin").path("metadata").path("name").asText()).isEqualTo("Renamed");
        assertThat(api.get("/flow/action/plugin/" + id + "/hide/yes", api.developer()).statusCode()).isEqualTo(200);
        assertThat(api.parse(api.get("/flow/action/plugins", api.developer())).path("total").asInt()).isZero();

        HttpResponse<String> missing = api.get("/flow/action/plugin/none", api.developer());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"detail\":\"Missing plugin id 'none'\"}");
        assertThat(api.get("/flow/action/plugin/none/hide/yes", api.developer()).statusCode()).isEqualTo(406);
        assertThat(api.get("/flow/action/plugin/none/enable/yes", api.developer()).statusCode()).isEqualTo(406);
        assertThat(api.put("/flow/action/plugin/none/icon/globe", api.developer(), "").body())
                .isEqualTo("{\"detail\":\"Can not this operation on missing plugin 'none'\"}");
        assertThat(api.put("/flow/action/plugin/none/name/x", api.developer(), "").statusCode()).isEqualTo(406);
        assertThat(api.delete("/flow/action/plugin/none", api.developer()).statusCode()).isEqualTo(404);
        assertThat(api.delete("/flow/action/plugin/" + id, api.developer()).statusCode()).isEqualTo(200);
        assertThat(api.get("/flow/action/plugins", api.marketer()).statusCode()).isEqualTo(403);

        String derived = api.parse(api.post("/flow/action/plugin", api.developer(),
                "{\"plugin\":{\"spec\":{\"module\":\"m\",\"className\":\"C\",\"version\":\"1\"}}}")).path("ids").get(0).asText();
        assertThat(derived).isEqualTo(PluginResource.md5("mC1"));
    }

    @Test
    void aRuleAndADeployedFlowWrittenThroughTheApiRunOnTrack() throws Exception {
        String source = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String flowId = UUID.randomUUID().toString();
        String admin = api.tokenFor(ApiRoles.ADMIN);
        assertThat(api.post("/event-source", admin, "{\"id\":\"" + source + "\",\"type\":\"rest\",\"name\":\"E2E\"}")
                .statusCode()).isEqualTo(200);
        String flow = org.opencdp.server.testing.TracardiFlows.read("flow_start_increase_views_end.json").replace("{FLOW_ID}", flowId);
        assertThat(api.post("/flow/draft", api.developer(), flow).statusCode()).isEqualTo(200);
        assertThat(api.post("/flow/production", api.developer(), flow).statusCode()).isEqualTo(200);
        assertThat(api.post("/rule", admin, "{\"name\":\"Count views\",\"event_type\":{\"id\":\"page-view\",\"name\":\"Page view\"},"
                + "\"source\":{\"id\":\"" + source + "\",\"name\":\"E2E\"},\"flow\":{\"id\":\"" + flowId + "\",\"name\":\"Views\"}}")
                .statusCode()).isEqualTo(200);

        HttpResponse<String> tracked = api.post("/track", null, "{\"source\":{\"id\":\"" + source + "\"},\"session\":{\"id\":\""
                + UUID.randomUUID() + "\"},\"events\":[{\"type\":\"page-view\",\"properties\":{}}],\"options\":{}}");
        assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
        String profileId = api.parse(tracked).path("profile").path("id").asText();
        String url = TestStack.environment().get("ELASTIC_HOST") + "/" + api.namespace().indexPrefix()
                + ".default.stage.profile/_doc/" + profileId;
        JsonNode profile = api.json().readTree(api.send(HttpRequest.newBuilder(URI.create(url))).body()).path("_source");
        assertThat(profile.path("stats").path("views").asInt()).isEqualTo(1);
    }
}
