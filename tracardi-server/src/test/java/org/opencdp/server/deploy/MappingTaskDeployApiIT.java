package org.opencdp.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;
import org.opencdp.server.testing.TestStack;

/**
 * Event-type metadata, event-to-profile mappings, identification points, tasks, reports and deployment
 * (private-api §3.5, §3.6, §3.13, §3.15).
 */
class MappingTaskDeployApiIT {

    @RegisterExtension
    static final PrivateApiFixture api = PrivateApiFixture.forClass("cfgdeploy");

    @Test
    void eventTypeMetadata() throws Exception {
        String type = UUID.randomUUID().toString();
        HttpResponse<String> saved = api.post("/event-type/mapping", api.developer(), "{\"id\":\"ignored\",\"event_type\":\"" + type
                + "\",\"name\":\"" + type + "\",\"description\":\"test-description\",\"enabled\":true,\"tags\":[\"tag1\",\"tag2\",\"tag3\"]}");
        assertThat(saved.body()).isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"" + type + "\"]}");
        JsonNode record = api.parse(api.get("/event-type/mapping/" + type, api.developer()));
        assertThat(record.path("id").asText()).isEqualTo(type);
        assertThat(record.path("event_type").asText()).isEqualTo(type);
        assertThat(record.path("build_in").asBoolean()).isFalse();
        JsonNode search = api.parse(api.get("/event-type/search/mappings?start=0&limit=1000", api.developer()));
        assertThat(search.path("grouped").has("tag1")).isTrue();
        assertThat(search.path("grouped").has("tag3")).isTrue();
        assertThat(api.put("/event-type/mapping/refresh", api.developer(), "").statusCode()).isEqualTo(200);

        assertThat(api.delete("/event-tag/tag2", api.developer()).body()).isEqualTo("{\"deleted\":1}");
        assertThat(api.parse(api.get("/event-type/mapping/" + type, api.developer())).path("tags").toString())
                .isEqualTo("[\"tag1\",\"tag3\"]");
        assertThat(api.post("/event-type/mapping", api.developer(), "{\"name\":\"no type\"}").statusCode()).isEqualTo(422);
        assertThat(api.get("/event-type/mapping/" + type, api.marketer()).statusCode()).isEqualTo(403);

        assertThat(api.delete("/event-type/mapping/" + type, api.developer()).body()).isEqualTo("{\"deleted\":1}");
        HttpResponse<String> missing = api.get("/event-type/mapping/" + type, api.developer());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(api.parse(missing).path("detail").isTextual()).isTrue();
        assertThat(api.delete("/event-type/mapping/" + type, api.developer()).statusCode()).isEqualTo(404);
    }

    @Test
    void savingEventTypeMetadataRetagsTheStoredEventsOfThatType() throws Exception {
        String source = "retag-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/event-source", api.developer(), "{\"id\":\"" + source + "\",\"type\":\"rest\",\"name\":\"Retag\"}");
        String type = "retag-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> tracked = api.post("/track", null, "{\"source\":{\"id\":\"" + source + "\"},\"session\":{\"id\":\""
                + UUID.randomUUID() + "\"},\"events\":[{\"type\":\"" + type + "\",\"properties\":{}}],\"options\":{}}");
        assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
        String events = TestStack.environment().get("ELASTIC_HOST") + "/" + api.namespace().indexPrefix() + ".default.stage.event";
        elastic("POST", events + "/_refresh");
        api.post("/event-type/mapping", api.developer(), "{\"event_type\":\"" + type + "\",\"name\":\"Retag\",\"tags\":[\"Tag-A\",\"b\"]}");
        JsonNode tags = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            elastic("POST", events + "/_refresh");
            JsonNode found = api.json().readTree(elastic("POST", events + "/_search?q=type:" + type));
            tags = found.path("hits").path("hits").path(0).path("_source").path("tags");
            if (tags.path("values").toString().equals("[\"tag-a\",\"b\"]")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(tags.toString()).isEqualTo("{\"values\":[\"tag-a\",\"b\"],\"count\":2}");
    }

    private static String elastic(String method, String url) throws Exception {
        return api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())).body();
    }

    @Test
    void eventToProfileMappingsAndIdentificationPoints() throws Exception {
        String mapping = "{\"id\":\"M-1\",\"name\":\"Email\",\"enabled\":true,\"event_type\":{\"id\":\"sign-in\",\"name\":\"Sign in\"},"
                + "\"event_to_profile\":[{\"event\":{\"value\":\"properties.email\",\"ref\":true},\"op\":0,"
                + "\"profile\":{\"value\":\"%s\",\"ref\":true}}],\"tags\":[\"t\"]}";
        assertThat(api.post("/event-to-profile", api.developer(), mapping.formatted("data.contact.email.main")).body())
                .isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"m-1\"]}");
        HttpResponse<String> outside = api.post("/event-to-profile", api.developer(), mapping.formatted("metadata.x"));
        assertThat(outside.statusCode()).isEqualTo(422);
        assertThat(api.parse(outside).path("detail").get(0).path("loc").get(1).asText()).isEqualTo("event_to_profile.0.profile");
        assertThat(api.parse(api.get("/event-to-profile/m-1", api.developer())).path("event_type").path("id").asText()).isEqualTo("sign-in");
        assertThat(api.parse(api.get("/event-to-profiles/type/sign-in", api.developer())).path("total").asInt()).isEqualTo(1);
        assertThat(api.parse(api.get("/events-to-profiles/by_tag", api.developer())).path("grouped").path("t").size()).isEqualTo(1);
        assertThat(api.delete("/event-to-profile/m-1", api.developer()).statusCode()).isEqualTo(200);
        assertThat(api.get("/event-to-profile/m-1", api.developer()).body()).isEqualTo("null");

        String point = "{\"id\":\"IP\",\"name\":\"By e-mail\",\"enabled\":true,\"source\":{\"id\":\"\",\"name\":\"Any\"},"
                + "\"event_type\":{\"id\":\"sign-in\",\"name\":\"Sign in\"},\"fields\":[{\"profile_trait\":{\"value\":\"data.contact.email.main\",\"ref\":true},"
                + "\"event_property\":{\"value\":\"properties.email\",\"ref\":true}}]}";
        assertThat(api.post("/identification/point", api.developer(), point).statusCode()).isEqualTo(200);
        JsonNode stored = api.parse(api.get("/identification/point/ip", api.developer()));
        assertThat(stored.path("fields").size()).isEqualTo(1);
        assertThat(stored.path("settings").isObject()).isTrue();
        assertThat(api.parse(api.get("/identification/points/by_type/all", api.developer())).path("grouped").path("Sign in").size())
                .isEqualTo(1);
        assertThat(api.post("/identification/point", api.developer(), "{\"name\":\"x\"}").statusCode()).isEqualTo(422);
        assertThat(api.delete("/identification/point/ip", api.developer()).statusCode()).isEqualTo(200);
        assertThat(api.get("/identification/point/ip", api.developer()).statusCode()).isEqualTo(404);
    }

    @Test
    void tasks() throws Exception {
        String task = "{\"id\":\"%s\",\"name\":\"%s\",\"task_id\":\"test-task\",\"timestamp\":\"2022-08-25T20:18:09.278Z\","
                + "\"status\":\"pending\",\"progress\":1.1,\"type\":\"test\",\"params\":{\"name\":\"test-name\",\"age\":0}}";
        assertThat(api.post("/task", api.developer(), task.formatted("test-id", "test-name")).body())
                .isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"test-id\"]}");
        assertThat(api.post("/task", api.developer(), task.formatted("test-id1", "second-task")).statusCode()).isEqualTo(200);
        JsonNode tasks = api.parse(api.get("/tasks", api.developer()));
        assertThat(tasks.path("total").asInt()).isEqualTo(2);
        assertThat(tasks.path("grouped").path("Tasks").get(0).path("id").asText()).isEqualTo("test-id1");
        assertThat(api.parse(api.get("/tasks/type/test", api.developer())).path("grouped").path("Tasks").get(0).path("type").asText())
                .isEqualTo("test");
        assertThat(api.parse(api.get("/tasks/type/other", api.developer())).path("total").asInt()).isZero();
        assertThat(api.post("/task", api.developer(), "{\"type\":\"x\",\"status\":\"weird\"}").statusCode()).isEqualTo(422);
        HttpResponse<String> deleted = api.delete("/task/test-task", api.developer());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"deleted\":2}");
        assertThat(api.delete("/task/test-task", api.developer()).body()).isEqualTo("{\"deleted\":0}");
        assertThat(api.get("/tasks", api.marketer()).statusCode()).isEqualTo(403);
    }

    @Test
    void reportsAreStoredGroupedByTag() throws Exception {
        String report = "{\"id\":\"@test-report\",\"name\":\"test-report\",\"description\":\"d\",\"index\":\"event\","
                + "\"query\":{\"query\":{\"term\":{\"type\":\"{{type}}\"}}},\"tags\":[\"tag1\",\"tag2\"]}";
        assertThat(api.post("/report", api.marketer(), report).statusCode()).isEqualTo(200);
        assertThat(api.parse(api.get("/report/@test-report", api.marketer()))).isEqualTo(api.json().readTree(report));
        JsonNode list = api.parse(api.get("/reports", api.marketer()));
        assertThat(list.path("grouped").path("tag2").get(0).path("id").asText()).isEqualTo("@test-report");
        HttpResponse<String> run = api.post("/report/@test-report/run", api.marketer(), "{\"type\":\"no-such-type\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(api.parse(run).path("result").size()).isZero();
        assertThat(api.post("/report/@test-report/run", api.marketer(), "{}").statusCode()).isEqualTo(422);
        assertThat(api.post("/report", api.marketer(), "{\"name\":\"x\",\"index\":\"nope\"}").statusCode()).isEqualTo(422);
        assertThat(api.delete("/report/@test-report", api.marketer()).statusCode()).isEqualTo(200);
        assertThat(api.get("/report/@test-report", api.marketer()).statusCode()).isEqualTo(404);
        assertThat(api.get("/reports", api.tokenFor(ApiRoles.MAINTAINER)).statusCode()).isEqualTo(403);
    }

    @Test
    void deployCopiesTheStagingRowAndUndeployRemovesTheProductionOne() throws Exception {
        String id = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/segment", api.marketer(), "{\"id\":\"" + id + "\",\"name\":\"Deployed\",\"condition\":\"profile@stats.views > 1\"}")
                .statusCode()).isEqualTo(200);
        assertThat(production("/segment/" + id, api.marketer()).body()).isEqualTo("null");
        assertThat(api.get("/deploy/segment/" + id, api.developer()).body()).isEqualTo("{\"deployed\":true}");
        assertThat(api.parse(production("/segment/" + id, api.marketer())).path("name").asText()).isEqualTo("Deployed");
        assertThat(api.parse(api.get("/segment/" + id, api.marketer())).path("name").asText()).isEqualTo("Deployed");
        assertThat(api.get("/undeploy/segment/" + id, api.developer()).statusCode()).isEqualTo(200);
        assertThat(production("/segment/" + id, api.marketer()).body()).isEqualTo("null");
        assertThat(api.get("/undeploy/segment/" + id, api.developer()).statusCode()).isEqualTo(404);
        assertThat(api.get("/deploy/event_source/missing", api.developer()).statusCode()).isEqualTo(404);
        assertThat(api.get("/deploy/no_table/" + id, api.developer()).statusCode()).isEqualTo(404);
        assertThat(api.get("/deploy/segment/" + id, api.marketer()).statusCode()).isEqualTo(403);
    }

    private static HttpResponse<String> production(String path, String token) throws Exception {
        return api.send(api.request(path, token).header("X-Context", "production").GET());
    }
}
