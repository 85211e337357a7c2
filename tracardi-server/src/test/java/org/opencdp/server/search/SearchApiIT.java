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
        HttpResponse<String> rule = DataSeed.inTracked(api, "POST", "/rule/select", maintainer, "{}");
        assertThat(rule.statusCode()).isEqualTo(404);
        assertThat(api.parse(rule).has("detail")).isTrue();
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

    private static JsonNode post(String path, String body, String token) throws Exception {
        HttpResponse<String> response = DataSeed.inTracked(api, "POST", path, token, body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return api.parse(response);
    }
}
