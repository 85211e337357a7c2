package org.opencdp.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.PrivateApiFixture;

/** The generic search (private-api §3.16) over data created by {@code /track}. */
class SearchApiIT {

    private static final String LAST_HOUR = "\"minDate\":{\"absolute\":null,\"delta\":{\"value\":-1,\"entity\":\"hour\"}},"
            + "\"maxDate\":{\"delta\":{\"value\":1,\"entity\":\"minute\"}}";

    private static PrivateApiFixture api;
    private static String maintainer;
    private static String marketer;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("searchapi");
        DataSeed.createSource(api);
        maintainer = api.tokenFor(ApiRoles.MAINTAINER);
        marketer = api.tokenFor(ApiRoles.MARKETER);
        DataSeed.track(api, UUID.randomUUID().toString(), null, 1);
        for (String index : new String[]{"events", "profiles", "sessions"}) {
            DataSeed.inTracked(api, "GET", "/" + index + "/refresh", maintainer, null);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void selectFiltersWithTheWhereCondition() throws Exception {
        JsonNode all = post("/event/select", "{\"where\":\"\",\"limit\":20}", maintainer);
        assertThat(all.path("total").asInt()).isEqualTo(4);
        assertThat(all.path("result")).hasSize(4);
        JsonNode pageViews = post("/event/select", "{\"where\":\"type=\\\"page-view\\\"\",\"limit\":20}", marketer);
        assertThat(pageViews.path("total").asInt()).isEqualTo(1);
        assertThat(pageViews.path("result").get(0).path("type").asText()).isEqualTo("page-view");
        assertThat(post("/profile/select", "{}", maintainer).path("total").asInt()).isEqualTo(1);
        assertThat(post("/session/select", "{\"where\":null}", maintainer).path("total").asInt()).isEqualTo(1);
        assertThat(post("/log/select", "{}", maintainer).path("total").asInt()).isZero();
        HttpResponse<String> staging = DataSeed.inOther(api, "POST", "/event/select", maintainer, "{}");
        assertThat(api.parse(staging).path("total").asInt()).as("production has no events").isZero();

        HttpResponse<String> unparsable = DataSeed.inTracked(api, "POST", "/event/select", maintainer, "{\"where\":\"type >\"}");
        assertThat(unparsable.statusCode()).isEqualTo(422);
        assertThat(api.parse(unparsable).path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"where\"]");
        assertThat(DataSeed.inTracked(api, "POST", "/event/select", maintainer, "{\"where\":5}").statusCode()).isEqualTo(422);
        assertThat(DataSeed.inTracked(api, "POST", "/event/select", maintainer, "{\"limit\":-1}").statusCode()).isEqualTo(422);
        assertThat(DataSeed.inTracked(api, "POST", "/event/select", maintainer, "{bad json").statusCode()).isEqualTo(422);
        assertThat(DataSeed.inTracked(api, "POST", "/event/select", maintainer, "[1]").statusCode()).isEqualTo(422);
        HttpResponse<String> unknown = DataSeed.inTracked(api, "POST", "/nothing/select", maintainer, "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.parse(unknown).has("detail")).isTrue();
        assertThat(api.post("/event/select", null, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void rangesPageThroughTheTimeWindow() throws Exception {
        JsonNode twoOfFour = post("/event/select/range", "{" + LAST_HOUR + ",\"where\":\"\",\"start\":0,\"limit\":2}", marketer);
        assertThat(twoOfFour.path("total").asInt()).isEqualTo(4);
        assertThat(twoOfFour.path("result")).hasSize(2);
        JsonNode future = post("/event/select/range", "{\"minDate\":{\"delta\":{\"value\":1,\"entity\":\"day\"}},"
                + "\"maxDate\":{\"delta\":{\"value\":2,\"entity\":\"day\"}}}", marketer);
        assertThat(future.path("total").asInt()).isZero();
        assertThat(post("/event/select/range/page/0", "{" + LAST_HOUR + "}", marketer).path("result")).hasSize(4);
        assertThat(post("/event/select/range/page/1", "{" + LAST_HOUR + "}", marketer).path("result")).isEmpty();
        assertThat(DataSeed.inTracked(api, "POST", "/event/select/range/page/x", marketer, "{}").statusCode()).isEqualTo(422);
        HttpResponse<String> reversed = DataSeed.inTracked(api, "POST", "/event/select/range", marketer,
                "{\"minDate\":{\"delta\":{\"value\":1,\"entity\":\"day\"}}}");
        assertThat(reversed.statusCode()).isEqualTo(422);
        assertThat(api.parse(reversed).path("detail").get(0).path("loc").get(1).asText()).isEqualTo("minDate");
        assertThat(DataSeed.inTracked(api, "POST", "/event/select/range", marketer,
                "{\"maxDate\":{\"delta\":{\"value\":1,\"entity\":\"eon\"}}}").statusCode()).isEqualTo(422);
    }

    @Test
    void histogramsCountPerBucketAndGroup() throws Exception {
        JsonNode plain = post("/event/select/histogram", "{" + LAST_HOUR + ",\"timeZone\":\"Europe/Warsaw\"}", maintainer);
        assertThat(plain.path("total").asInt()).isEqualTo(4);
        assertThat(plain.path("interval").asText()).isEqualTo("1m");
        long sum = 0;
        for (JsonNode bucket : plain.path("result")) {
            assertThat(bucket.has("time")).isTrue();
            assertThat(bucket.has("group")).isFalse();
            sum += bucket.path("count").asLong();
        }
        assertThat(sum).isEqualTo(4);
        assertThat(plain.path("result").size()).isGreaterThan(50);

        JsonNode grouped = post("/event/select/histogram?group_by=type", "{" + LAST_HOUR + "}", maintainer);
        assertThat(grouped.path("total").asInt()).isEqualTo(4);
        assertThat(grouped.path("result")).hasSize(4);
        assertThat(grouped.path("result").toString()).contains("\"group\":\"page-view\"").contains("\"group\":\"visit-started\"");
        assertThat(grouped.path("result").get(0).path("time").asText()).endsWith("+00:00");
        assertThat(DataSeed.inTracked(api, "POST", "/event/select/histogram?group_by=a%20b", maintainer, "{}").statusCode())
                .isEqualTo(422);
    }

    @Test
    void configurationIndicesAreSearchedInMysql() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String developer = api.tokenFor(ApiRoles.DEVELOPER);
        String mailId = "mail-" + tag;
        assertThat(api.post("/resource", developer, "{\"id\":\"" + mailId + "\",\"type\":\"smtp-server\",\"name\":\"Mail " + tag
                + "\",\"credentials\":{\"production\":{\"password\":\"top-secret-" + tag + "\"},\"test\":{}},\"tags\":[\"mail\"]}")
                .statusCode()).isEqualTo(200);
        assertThat(api.post("/resource", developer, "{\"id\":\"api-" + tag + "\",\"type\":\"api\",\"name\":\"Api " + tag + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(api.post("/segment", marketer, "{\"id\":\"seg-" + tag + "\",\"name\":\"VIP " + tag
                + "\",\"condition\":\"profile@stats.views > 1\"}").statusCode()).isEqualTo(200);
        String flowId = "flow-" + tag;
        HttpResponse<String> rule = api.post("/rule", marketer, "{\"id\":\"rule-" + tag + "\",\"name\":\"Searchable " + tag
                + "\",\"event\":{\"type\":\"never-sent\"},\"flow\":{\"id\":\"" + flowId + "\",\"name\":\"Rule flow\"},"
                + "\"source\":{\"id\":\"" + DataSeed.SOURCE + "\",\"name\":\"js\"},\"enabled\":true}");
        assertThat(rule.statusCode()).as(rule.body()).isEqualTo(200);

        JsonNode mail = post("/resource/select", "{\"where\":\"type = \\\"smtp-server\\\"\"}", maintainer);
        assertThat(mail.path("total").asInt()).isEqualTo(1);
        assertThat(mail.path("result").get(0).path("id").asText()).isEqualTo(mailId);
        assertThat(mail.path("result").get(0).has("credentials")).isFalse();
        JsonNode resources = post("/resource/select", "{}", marketer);
        assertThat(resources.path("total").asInt()).isEqualTo(2);
        assertThat(resources.toString()).doesNotContain("top-secret");
        assertThat(post("/resource/select", "{\"where\":\"credentials.production EXISTS\"}", maintainer).path("total").asInt())
                .isZero();
        JsonNode one = post("/resource/select", "{\"limit\":1}", maintainer);
        assertThat(one.path("total").asInt()).isEqualTo(2);
        assertThat(one.path("result")).hasSize(1);
        assertThat(post("/segment/select", "{\"where\":\"name = \\\"VIP " + tag + "\\\"\"}", marketer).path("result").get(0)
                .path("id").asText()).isEqualTo("seg-" + tag);
        assertThat(post("/rule/select", "{\"where\":\"name = \\\"Searchable " + tag + "\\\"\"}", maintainer).path("total").asInt())
                .isEqualTo(1);
        JsonNode flow = post("/flow/select", "{\"where\":\"id = \\\"" + flowId + "\\\"\"}", maintainer);
        assertThat(flow.path("total").asInt()).as(flow.toString()).isEqualTo(1);
        assertThat(flow.path("result").get(0).has("draft")).isFalse();

        assertThat(post("/resource/select/range", "{" + LAST_HOUR + "}", marketer).path("total").asInt()).isEqualTo(2);
        assertThat(post("/resource/select/range", "{\"minDate\":{\"delta\":{\"value\":1,\"entity\":\"day\"}},"
                + "\"maxDate\":{\"delta\":{\"value\":2,\"entity\":\"day\"}}}", marketer).path("total").asInt()).isZero();
        assertThat(post("/resource/select/range", "{" + LAST_HOUR + ",\"start\":1,\"limit\":5}", marketer).path("result")).hasSize(1);
        assertThat(post("/resource/select/range/page/0", "{" + LAST_HOUR + "}", marketer).path("result")).hasSize(2);
        assertThat(post("/resource/select/range/page/1", "{" + LAST_HOUR + "}", marketer).path("result")).isEmpty();
        assertThat(api.parse(DataSeed.inOther(api, "POST", "/resource/select", maintainer, "{}")).path("total").asInt())
                .as("production has no resources").isZero();

        HttpResponse<String> unparsable = DataSeed.inTracked(api, "POST", "/rule/select", maintainer, "{\"where\":\"name >\"}");
        assertThat(unparsable.statusCode()).isEqualTo(422);
        assertThat(api.parse(unparsable).path("detail").get(0).path("loc").toString()).isEqualTo("[\"body\",\"where\"]");
        assertThat(DataSeed.inTracked(api, "POST", "/segment/select", maintainer, "{\"limit\":\"ten\"}").statusCode()).isEqualTo(422);
        assertThat(DataSeed.inTracked(api, "POST", "/flow/select", maintainer, "[1]").statusCode()).isEqualTo(422);
        assertThat(DataSeed.inTracked(api, "POST", "/resource/select/range", maintainer,
                "{\"minDate\":{\"delta\":{\"value\":1,\"entity\":\"day\"}}}").statusCode()).isEqualTo(422);
        JsonNode histogram = post("/resource/select/histogram?group_by=type", "{" + LAST_HOUR + "}", maintainer);
        assertThat(histogram.path("total").asInt()).isEqualTo(2);
        assertThat(histogram.path("interval").asText()).isEqualTo("1m");
        assertThat(histogram.path("result").toString()).contains("\"group\":\"smtp-server\"").contains("\"group\":\"api\"");
        JsonNode plainHistogram = post("/rule/select/histogram", "{" + LAST_HOUR + "}", maintainer);
        assertThat(plainHistogram.path("total").asInt()).isEqualTo(1);
        assertThat(plainHistogram.path("result").size()).isGreaterThan(50);
        assertThat(DataSeed.inTracked(api, "POST", "/rule/select/histogram?group_by=a%20b", maintainer, "{}").statusCode())
                .isEqualTo(422);
        assertThat(api.post("/resource/select", null, "{}").statusCode()).isEqualTo(401);
    }

    private static JsonNode post(String path, String body, String token) throws Exception {
        HttpResponse<String> response = DataSeed.inTracked(api, "POST", path, token, body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return api.parse(response);
    }
}
