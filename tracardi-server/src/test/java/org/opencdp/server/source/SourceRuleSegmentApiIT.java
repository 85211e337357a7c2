package org.opencdp.server.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;

/** Event sources, bridges, redirects, rules, segments and live segments over HTTP (private-api §3.3, §3.10). */
class SourceRuleSegmentApiIT {

    @RegisterExtension
    static final PrivateApiFixture api = PrivateApiFixture.forClass("cfgsrc");
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        admin = api.tokenFor(ApiRoles.ADMIN, ApiRoles.MAINTAINER);
    }

    private static String source(String id, String type) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"name\":\"" + id + "\",\"timestamp\":\"2022-01-07T16:18:09.278Z\","
                + "\"enabled\":true,\"returns_profile\":true,\"config\":{}}";
    }

    @Test
    void eventSourcesAnswerTracardisShapes() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> saved = api.post("/event-source", admin, source(id, "rest"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(api.parse(saved)).isEqualTo(api.json().readTree("{\"errors\":[],\"ids\":[\"" + id + "\"],\"saved\":1}"));
        assertThat(api.get("/event-sources/refresh", admin).body()).isEqualTo("{}");

        JsonNode stored = api.parse(api.get("/event-source/" + id.toUpperCase(), admin));
        assertThat(stored.path("id").asText()).isEqualTo(id);
        assertThat(stored.path("type").toString()).isEqualTo("[\"rest\"]");
        assertThat(stored.path("returns_profile").asBoolean()).isTrue();

        HttpResponse<String> unknown = api.post("/event-source", admin, source("2", "unknown-type"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(api.parse(unknown).path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"type\"]");

        JsonNode grouped = api.parse(api.get("/event-sources/by_type", admin));
        assertThat(grouped.path("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(grouped.path("grouped").path("general").toString()).contains(id);
        assertThat(api.parse(api.get("/event-sources", admin))).isEqualTo(grouped);

        api.post("/event-source", admin, "{\"id\":\"grouped-src\",\"type\":[\"webhook\"],\"name\":\"Alpha\",\"groups\":[\"g1\",\"g2\"]}");
        JsonNode groups = api.parse(api.get("/event-sources/by_type?query=alpha", admin));
        assertThat(groups.path("total").asInt()).isEqualTo(1);
        assertThat(groups.path("grouped").fieldNames()).toIterable().containsExactly("g1", "g2");

        JsonNode entities = api.parse(api.get("/event-sources/entity", admin));
        assertThat(entities.path("result").toString()).contains("{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}");
        assertThat(api.parse(api.get("/event-sources/type/name", admin)).path("result").path("rest").asText())
                .isEqualTo("Rest Api Call");
        assertThat(api.parse(api.get("/event-sources/type/configuration", admin)).path("result").path("rest").path("tags")
                .toString()).isEqualTo("[\"rest\",\"inbound\"]");

        assertThat(api.get("/event-source/" + id, api.marketer()).statusCode()).isEqualTo(403);
        assertThat(api.get("/event-source/" + id, null).statusCode()).isEqualTo(401);

        assertThat(api.delete("/event-source/" + id, admin).body()).isEqualTo("{\"deleted\":1}");
        HttpResponse<String> gone = api.get("/event-source/" + id, admin);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("null");
        HttpResponse<String> goneAgain = api.delete("/event-source/" + id, admin);
        assertThat(goneAgain.statusCode()).isEqualTo(404);
        assertThat(goneAgain.body()).isEqualTo("null");
        assertThat(api.post("/event-source", admin, "[1]").statusCode()).isEqualTo(422);
        assertThat(api.post("/event-source", admin, source("x".repeat(65), "rest")).statusCode()).isEqualTo(422);
    }

    @Test
    void bridgesAndRedirects() throws Exception {
        JsonNode bridges = api.parse(api.get("/bridges", admin));
        assertThat(bridges.path("total").asInt()).isEqualTo(3);
        assertThat(api.parse(api.get("/bridge/778ded05-4ff3-4e08-9a86-72c0195fa95d", admin)).path("type").asText())
                .isEqualTo("rest");
        assertThat(api.get("/bridge/nope", admin).statusCode()).isEqualTo(404);
        assertThat(api.parse(api.get("/bridges/entity", admin)).path("result").size()).isEqualTo(3);

        HttpResponse<String> saved = api.post("/event-redirect", api.marketer(), "{\"id\":\"R-1\",\"name\":\"Go\",\"url\":\"https://example.com\","
                + "\"source\":{\"id\":\"web\",\"name\":\"Web\"},\"event_type\":\"click\"}");
        assertThat(saved.body()).isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"r-1\"]}");
        assertThat(api.parse(api.get("/event-redirect/r-1", api.marketer())).path("props").isObject()).isTrue();
        assertThat(api.parse(api.get("/event-redirects", api.marketer())).path("total").asInt()).isEqualTo(1);
        assertThat(api.post("/event-redirect", api.marketer(), "{\"name\":\"No url\"}").statusCode()).isEqualTo(422);
        assertThat(api.delete("/event-redirect/r-1", api.marketer()).body()).isEqualTo("{\"deleted\":1}");
        assertThat(api.get("/bridges", api.marketer()).statusCode()).isEqualTo(403);
    }

    @Test
    void rulesCheckTheirSourceAndCreateTheirFlow() throws Exception {
        String rule = "{\"id\":\"%s\",\"name\":\"string\",\"event\":{\"type\":\"Page View\"},\"flow\":{\"id\":\"%s\",\"name\":\"My flow\"},"
                + "\"source\":{\"id\":\"%s\",\"name\":\"javascript\"},\"enabled\":true}";
        HttpResponse<String> badSource = api.post("/rule", api.marketer(), rule.formatted("rule_id", "flow_id", "string"));
        assertThat(badSource.statusCode()).isEqualTo(422);
        assertThat(badSource.body()).isEqualTo("{\"detail\":\"Incorrect source id: `string`\"}");

        String sourceId = UUID.randomUUID().toString();
        String flowId = UUID.randomUUID().toString();
        String ruleId = UUID.randomUUID().toString();
        api.post("/event-source", admin, source(sourceId, "rest"));
        HttpResponse<String> saved = api.post("/rule", api.marketer(), rule.formatted(ruleId, flowId, sourceId));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(api.parse(saved)).isEqualTo(api.json().readTree("{\"saved\":1,\"errors\":[],\"ids\":[\"" + ruleId + "\"]}"));
        assertThat(api.get("/rules/refresh", api.marketer()).statusCode()).isEqualTo(200);
        assertThat(api.get("/rules/flash", api.marketer()).body()).isEqualTo("{}");

        JsonNode flow = api.parse(api.get("/flow/metadata/" + flowId, admin));
        assertThat(flow.path("id").asText()).isEqualTo(flowId);
        assertThat(flow.path("name").asText()).isEqualTo("My flow");

        JsonNode stored = api.parse(api.get("/rule/" + ruleId, api.marketer()));
        assertThat(stored.path("event_type").path("id").asText()).isEqualTo("page-view");
        assertThat(stored.path("tags").toString()).isEqualTo("[\"General\"]");
        assertThat(stored.has("event")).isFalse();
        assertThat(api.parse(api.get("/rules/by_flow/" + flowId, api.marketer())).path("total").asInt()).isEqualTo(1);
        assertThat(api.parse(api.get("/rules/by_event_type/page-view", api.marketer())).path("total").asInt()).isEqualTo(1);
        assertThat(api.parse(api.get("/rules/by_tag", api.marketer())).path("grouped").path("General").size()).isEqualTo(1);
        assertThat(api.post("/rule", api.marketer(), "{\"name\":\"no parts\"}").statusCode()).isEqualTo(422);
        assertThat(api.get("/rule/" + ruleId, api.maintainer()).statusCode()).isEqualTo(403);

        // Deleting the flow deletes its rules.
        assertThat(api.delete("/flow/" + flowId, admin).body()).isEqualTo("{\"deleted\":1}");
        HttpResponse<String> gone = api.get("/rule/" + ruleId, api.marketer());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("null");
        assertThat(api.delete("/rule/" + ruleId, api.marketer()).statusCode()).isEqualTo(404);
    }

    @Test
    void segmentsAnswerNullWhenMissingAndGroupByEventType() throws Exception {
        HttpResponse<String> saved = api.post("/segment", api.marketer(), "{\"id\":\"segment-id\",\"name\":\"Test segment\","
                + "\"condition\":\"profile@stat.views>0\",\"eventType\":[\"my-event\"]}");
        assertThat(saved.body()).isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"segment-id\"]}");
        assertThat(api.get("/segments/refresh", api.marketer()).statusCode()).isEqualTo(200);
        JsonNode segment = api.parse(api.get("/segment/segment-id", api.marketer()));
        assertThat(segment.path("enabled").asBoolean()).isTrue();
        assertThat(segment.path("machine_name").asText()).isEqualTo("test-segment");
        assertThat(segment.path("eventType").toString()).isEqualTo("[\"my-event\"]");
        api.post("/segment", api.marketer(), "{\"id\":\"global\",\"name\":\"Everyone\",\"condition\":\"profile@stats.views > 0\",\"eventType\":\"\"}");
        JsonNode list = api.parse(api.get("/segments", api.marketer()));
        assertThat(list.path("total").asInt()).isEqualTo(2);
        assertThat(list.path("grouped").path("my-event").get(0).path("id").asText()).isEqualTo("segment-id");
        assertThat(list.path("grouped").path("Global").get(0).path("id").asText()).isEqualTo("global");
        assertThat(api.parse(api.get("/segments/metadata", api.marketer())).path("grouped").path("Global").get(0).toString())
                .isEqualTo("{\"id\":\"global\",\"name\":\"Everyone\"}");

        HttpResponse<String> unparsable = api.post("/segment", api.marketer(), "{\"name\":\"Bad\",\"condition\":\"profile@stats.views >\"}");
        assertThat(unparsable.statusCode()).isEqualTo(422);
        assertThat(api.parse(unparsable).path("detail").get(0).path("loc").get(1).asText()).isEqualTo("condition");
        assertThat(api.post("/segment", api.marketer(), "{\"name\":\"Bad\",\"condition\":\"nosuchfn(profile@id)\"}").statusCode())
                .isEqualTo(422);
        HttpResponse<String> noCondition = api.post("/segment", api.marketer(), "{\"name\":\"Bad\",\"condition\":\"  \"}");
        assertThat(noCondition.statusCode()).isEqualTo(422);
        assertThat(api.parse(noCondition).path("detail").get(0).path("loc").get(1).asText()).isEqualTo("condition");

        assertThat(api.delete("/segment/segment-id", api.marketer()).body()).isEqualTo("{\"deleted\":1}");
        HttpResponse<String> missing = api.get("/segment/segment-id", api.marketer());
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(missing.body()).isEqualTo("null");
        HttpResponse<String> deleteMissing = api.delete("/segment/segment-id", api.marketer());
        assertThat(deleteMissing.statusCode()).isEqualTo(200);
        assertThat(deleteMissing.body()).isEqualTo("null");
        assertThat(api.get("/segments", api.maintainer()).statusCode()).isEqualTo(403);
    }

    @Test
    void liveSegmentsAreStoredAndGrouped() throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(api.post("/segment/live", api.marketer(), "{\"id\":\"" + id + "\",\"name\":\"Test segment\",\"enabled\":true,"
                + "\"workflow\":{\"id\":\"1\",\"name\":\"test\"}}").statusCode()).isEqualTo(200);
        assertThat(api.get("/segments/live/refresh", api.marketer()).statusCode()).isEqualTo(200);
        JsonNode live = api.parse(api.get("/segment/live/" + id, api.marketer()));
        assertThat(live.path("workflow").toString()).isEqualTo("{\"id\":\"1\",\"name\":\"test\"}");
        assertThat(live.path("type").asText()).isEqualTo("workflow");
        JsonNode list = api.parse(api.get("/segments/live", api.marketer()));
        assertThat(list.path("grouped").path("Live segmentation").get(0).path("id").asText()).isEqualTo(id);
        assertThat(api.delete("/segment/live/" + id, api.marketer()).statusCode()).isEqualTo(200);
        assertThat(api.get("/segment/live/" + id, api.marketer()).statusCode()).isEqualTo(404);
    }
}
