package org.opencdp.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.testing.PrivateApiFixture;

/**
 * Tracardi's own clients, replayed request by request over HTTP against the all-in-one role (spec README §4):
 * the API suite's end-to-end and concurrent-update tests, the Python SDK's authorize → create resource → track, and
 * the PHP SDK's password grant, profile and segment reads. Bodies are sent as those clients send them (JSON without
 * a Content-Type from the API tests, forms for tokens).
 */
class TracardiClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static PrivateApiFixture api;
    private static String email;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("clients");
        email = api.createUser(ApiRoles.ADMIN, ApiRoles.MAINTAINER);
        token = api.login(email, PrivateApiFixture.PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return api.post(path, token, body);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return api.get(path, token);
    }

    private static String flow(String fixture, String id) throws Exception {
        return org.opencdp.server.testing.TracardiFlows.read(fixture).replace("{FLOW_ID}", id);
    }

    private static void createSource(String id) throws Exception {
        HttpResponse<String> created = post("/event-source", "{\"id\":\"" + id + "\",\"type\":\"rest\",\"name\":\"" + id
                + "\",\"timestamp\":\"2022-01-07T16:18:09.278Z\",\"enabled\":true,\"returns_profile\":true,\"config\":{}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(JSON.readTree(created.body())).isEqualTo(JSON.readTree("{\"errors\":[],\"ids\":[\"" + id + "\"],\"saved\":1}"));
    }

    @Test
    void theApiSuitesEndToEndTest() throws Exception {
        String source = UUID.randomUUID().toString();
        String flowId = UUID.randomUUID().toString();
        String rule = UUID.randomUUID().toString();
        String session = UUID.randomUUID().toString();
        assertThat(api.delete("/flow/" + flowId, token).statusCode()).isIn(200, 404);
        assertThat(get("/event-sources/refresh").statusCode()).isEqualTo(200);
        createSource(source);
        HttpResponse<String> ruleSaved = post("/rule", "{\"id\":\"" + rule + "\",\"name\":\"End2End rule\",\"event_type\":"
                + "{\"id\":\"my-event\",\"name\":\"my-event\"},\"flow\":{\"id\":\"" + flowId + "\",\"name\":\"End2End test\"},"
                + "\"source\":{\"id\":\"" + source + "\",\"name\":\"my source\"},\"enabled\":true}");
        assertThat(ruleSaved.statusCode()).as(ruleSaved.body()).isEqualTo(200);
        assertThat(get("/rules/refresh").statusCode()).isEqualTo(200);
        HttpResponse<String> deployed = post("/flow/production", flow("flow_e2e_start_increase_views_update_profile.json", flowId));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(get("/flows/refresh").statusCode()).isEqualTo(200);
        HttpResponse<String> segment = post("/segment", "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"Test segment\","
                + "\"condition\":\"profile@stats.views>0\",\"eventType\":[\"my-event\"]}");
        assertThat(segment.statusCode()).as(segment.body()).isEqualTo(200);
        JsonNode storedRule = JSON.readTree(get("/rule/" + rule).body());
        assertThat(storedRule.path("source").path("id").asText()).isEqualTo(source);
        assertThat(storedRule.path("flow").path("id").asText()).isEqualTo(flowId);
        assertThat(storedRule.path("event_type").path("id").asText()).isEqualTo("my-event");
        assertThat(get("/flow/production/" + flowId).statusCode()).isEqualTo(200);

        HttpResponse<String> tracked = post("/track", "{\"source\":{\"id\":\"" + source + "\"},\"session\":{\"id\":\"" + session
                + "\"},\"events\":[{\"type\":\"my-event\",\"options\":{\"save\":true}}],\"options\":{}}");
        assertThat(tracked.statusCode()).as(tracked.body()).isEqualTo(200);
        String profileId = JSON.readTree(tracked.body()).path("profile").path("id").asText();
        assertThat(get("/profiles/refresh").statusCode()).isEqualTo(200);
        HttpResponse<String> profile = get("/profile/" + profileId);
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        JsonNode stored = JSON.readTree(profile.body());
        assertThat(stored.path("stats").path("views").asInt()).isEqualTo(1);
        assertThat(stored.path("segments").toString()).contains("test-segment");
        assertThat(api.delete("/profile/" + profileId, token).statusCode()).isEqualTo(200);
        assertThat(api.delete("/flow/" + flowId, token).statusCode()).isIn(200, 404);
        assertThat(api.delete("/rule/" + rule, token).statusCode()).isIn(200, 404);
        assertThat(api.delete("/event-source/" + source, token).statusCode()).isIn(200, 404);
        assertThat(api.delete("/session/" + session, token).statusCode()).isIn(200, 404);
    }

    @Test
    void theApiSuitesConcurrentUpdateCountsEveryView() throws Exception {
        JsonNode sync = JSON.readTree(get("/setting/SYNC_PROFILE_TRACKS").body());
        assertThat(sync.path("value").asBoolean()).isTrue();
        int repeats = JSON.readTree(get("/setting/SYNC_PROFILE_TRACKS_MAX_REPEATS").body()).path("value").asInt();
        String source = "source-" + UUID.randomUUID().toString().substring(0, 8);
        String flowId = "flow-" + UUID.randomUUID().toString().substring(0, 8);
        String session = UUID.randomUUID().toString();
        createSource(source);
        assertThat(post("/rule", "{\"id\":\"rule-" + flowId + "\",\"name\":\"Profile override rule-1\",\"event\":{\"type\":\"my-event\"},"
                + "\"flow\":{\"id\":\"" + flowId + "\",\"name\":\"Profile override flow test\"},\"source\":{\"id\":\"" + source
                + "\",\"name\":\"my source\"},\"enabled\":true}").statusCode()).isEqualTo(200);
        assertThat(get("/rules/flash").statusCode()).isEqualTo(200);
        assertThat(post("/flow/production", flow("flow_start_increase_views_end.json", flowId)).statusCode()).isEqualTo(200);
        String first = call(source, session, "none");
        ExecutorService pool = Executors.newFixedThreadPool(repeats);
        List<Future<String>> calls = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            calls.add(pool.submit(() -> call(source, session, first)));
        }
        for (Future<String> call : calls) {
            assertThat(call.get()).isEqualTo(first);
        }
        pool.shutdown();
        String last = call(source, session, first);
        assertThat(get("/profiles/flash").statusCode()).isEqualTo(200);
        assertThat(get("/sessions/flash").statusCode()).isEqualTo(200);
        JsonNode profile = JSON.readTree(get("/profile/" + last).body());
        assertThat(profile.path("stats").path("views").asInt()).isEqualTo(repeats + 2);
    }

    private static String call(String source, String session, String profileId) throws Exception {
        HttpResponse<String> response = post("/track", "{\"source\":{\"id\":\"" + source + "\"},\"session\":{\"id\":\"" + session
                + "\"},\"profile\":{\"id\":\"" + profileId + "\"},\"events\":[{\"type\":\"my-event\",\"properties\":{\"a\":1,\"b\":2},"
                + "\"options\":{\"save\":true}}],\"options\":{}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(get("/profiles/refresh").statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("profile").path("id").asText();
    }

    @Test
    void thePythonSdkAuthorizesCreatesAResourceAndTracks() throws Exception {
        HttpResponse<String> login = api.send(HttpRequest.newBuilder(URI.create(api.url("/token")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + email + "&password=" + PrivateApiFixture.PASSWORD)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String sdkToken = JSON.readTree(login.body()).path("access_token").asText();
        String resourceId = UUID.randomUUID().toString();
        HttpResponse<String> resource = api.send(HttpRequest.newBuilder(URI.create(api.url("/resource")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + sdkToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + resourceId + "\",\"type\":\"web-page\",\"name\":\"mypage\","
                        + "\"description\":\"No description provided\",\"config\":{},\"tags\":\"general\",\"enabled\":true,\"consent\":true}")));
        assertThat(resource.statusCode()).as(resource.body()).isEqualTo(200);
        JsonNode ids = JSON.readTree(resource.body()).path("ids");
        assertThat(ids).hasSize(1);
        ObjectNode payload = (ObjectNode) JSON.readTree("{\"source\":{\"id\":\"" + ids.get(0).asText() + "\"},"
                + "\"session\":{\"id\":\"87d91e36-0b66-42b5-b9c8-77dc7b224b9a\"},"
                + "\"metadata\":{\"time\":\"{'insert': datetime.datetime(2024, 3, 27, 10, 0)}\",\"ip\":null,\"status\":null},"
                + "\"profile\":null,\"context\":{\"my_browser\":\"ie\"},\"properties\":{},"
                + "\"events\":[{\"type\":\"event-1\",\"properties\":{\"data\":1}},{\"type\":\"event-2\",\"properties\":{\"data\":2}}],"
                + "\"options\":{\"profile\":true}}");
        HttpResponse<String> tracked = HTTP.send(HttpRequest.newBuilder(URI.create(api.url("/track")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tracked.statusCode()).as(tracked.body()).isBetween(200, 399);
        assertThat(JSON.readTree(tracked.body()).has("profile")).isTrue();
    }

    @Test
    void thePhpSdkUsesThePasswordGrantAndReadsProfilesAndSegments() throws Exception {
        HttpResponse<String> grant = api.send(HttpRequest.newBuilder(URI.create(api.url("/token")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + email + "&password="
                        + PrivateApiFixture.PASSWORD + "&client_id=php&client_secret=secret&redirect_uri=")));
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(200);
        JsonNode accessToken = JSON.readTree(grant.body());
        assertThat(accessToken.path("access_token").asText()).isNotBlank();
        String bearer = "Bearer " + accessToken.path("access_token").asText();
        String segmentId = UUID.randomUUID().toString();
        assertThat(post("/segment", "{\"id\":\"" + segmentId + "\",\"name\":\"Php segment\",\"condition\":\"profile@stats.views>0\","
                + "\"eventType\":[\"page-view\"]}").statusCode()).isEqualTo(200);
        String sourceId = "php-" + UUID.randomUUID().toString().substring(0, 8);
        createSource(sourceId);
        HttpResponse<String> tracked = post("/track", "{\"source\":{\"id\":\"" + sourceId + "\"},\"session\":{\"id\":\""
                + UUID.randomUUID() + "\"},\"events\":[{\"type\":\"page-view\"}]}");
        String profileId = JSON.readTree(tracked.body()).path("profile").path("id").asText();
        for (String path : List.of("/profile/" + profileId, "/segment/" + segmentId, "/segments")) {
            HttpResponse<String> read = api.send(HttpRequest.newBuilder(URI.create(api.url(path))).header("Authorization", bearer)
                    .header("Content-Type", "application/json").header("Accept", "application/json").GET());
            assertThat(read.statusCode()).as(path + " " + read.body()).isEqualTo(200);
        }
        JsonNode segments = JSON.readTree(get("/segments").body());
        assertThat(segments.path("grouped").path("page-view").toString()).contains(segmentId);
        JsonNode profile = JSON.readTree(get("/profile/" + profileId).body());
        assertThat(profile.path("id").asText()).isEqualTo(profileId);
    }
}
