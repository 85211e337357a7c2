package org.opencdp.server.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencdp.server.session.RedisSessionBindings;
import org.opencdp.server.session.SessionBindings;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.PrivateApiFixture;

/** Session endpoints (private-api §3.8) on the real stack, with sessions created by {@code /track} and by import. */
class SessionApiIT {

    /** One item of Tracardi's {@code POST /sessions/import} body (shared fixture session_import_item.json). */
    private static final String IMPORT_ITEM = """
            {"id": "{SESSION_ID}",
             "metadata": {"time": {"insert": "2026-11-22T12:39:33.421930Z", "create": null, "update": null,
                                   "timestamp": 1795351173.421992, "duration": 0.0, "weekday": 6},
                          "channel": null, "aux": {}, "status": null},
             "operation": {"new": false, "update": false, "segment": false, "merge": []},
             "profile": {"id": "{PROFILE_ID}", "primary_id": null},
             "device": {"name": null, "brand": null, "model": null, "type": null, "touch": false, "ip": null, "resolution": null,
                        "geo": {"country": {"name": null, "code": null}, "city": null, "county": null, "postal": null,
                                "latitude": null, "longitude": null, "location": null},
                        "color_depth": null, "orientation": null},
             "os": {"name": null, "version": null},
             "app": {"type": null, "name": null, "version": null, "language": null, "bot": false, "resolution": null},
             "utm": {"source": null, "medium": null, "campaign": null, "term": null, "content": null},
             "context": {}, "properties": {}, "traits": {}, "aux": {}}
            """;

    @RegisterExtension
    static final PrivateApiFixture api = PrivateApiFixture.forClass("sessionapi");
    private static RedisStore redis;
    private static SessionBindings bindings;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisStore.connect(api.config().redis());
        bindings = new RedisSessionBindings(redis, Duration.ofMinutes(30));
        DataSeed.createSource(api);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @Test
    void aTrackedSessionIsReadListedCountedAndDeletedWithItsBinding() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        String profileId = DataSeed.track(api, sessionId, null, 1).path("profile").path("id").asText();

        HttpResponse<String> read = DataSeed.inTracked(api, "GET", "/session/" + sessionId, api.marketer(), null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode session = api.parse(read);
        assertThat(session.path("id").asText()).isEqualTo(sessionId);
        assertThat(session.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(session.path("metadata").path("time").path("insert").asText()).isNotBlank();
        assertThat(session.has("internal")).isFalse();
        assertThat(DataSeed.inOther(api, "GET", "/session/" + sessionId, api.marketer(), null).body()).isEqualTo("null");
        assertThat(DataSeed.inTracked(api, "GET", "/session/" + sessionId, api.maintainer(), null).statusCode()).isEqualTo(403);

        DataSeed.inTracked(api, "GET", "/sessions/refresh", api.maintainer(), null);
        JsonNode latest = api.parse(DataSeed.inTracked(api, "GET", "/session/profile/" + profileId + "?n=0", api.marketer(), null));
        assertThat(latest.path("id").asText()).isEqualTo(sessionId);
        HttpResponse<String> older = DataSeed.inTracked(api, "GET", "/session/profile/" + profileId + "?n=1", api.marketer(), null);
        assertThat(older.statusCode()).isEqualTo(404);
        assertThat(older.body()).isEqualTo("null");
        assertThat(DataSeed.inTracked(api, "GET", "/session/profile/" + profileId + "?n=x", api.marketer(), null).statusCode())
                .isEqualTo(422);

        assertThat(api.parse(DataSeed.inTracked(api, "GET", "/session/count", api.maintainer(), null)).path("count").asLong())
                .isGreaterThanOrEqualTo(1);
        assertThat(api.parse(DataSeed.inTracked(api, "GET", "/session/count/online", api.maintainer(), null)).path("count")
                .asLong()).isGreaterThanOrEqualTo(1);

        assertThat(bindings.find(DataSeed.TRACKED, sessionId)).isPresent();
        assertThat(DataSeed.inTracked(api, "DELETE", "/session/" + sessionId, api.marketer(), null).statusCode()).isEqualTo(403);
        HttpResponse<String> deleted = DataSeed.inTracked(api, "DELETE", "/session/" + sessionId, api.developer(), null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"deleted\":1}");
        assertThat(bindings.find(DataSeed.TRACKED, sessionId)).isEmpty();
        assertThat(DataSeed.inTracked(api, "GET", "/session/" + sessionId, api.admin(), null).body()).isEqualTo("null");
        HttpResponse<String> again = DataSeed.inTracked(api, "DELETE", "/session/" + sessionId, api.admin(), null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("null");
    }

    @Test
    void importWritesTheSessionAndItsBindingOnce() throws Exception {
        String sessionId = "imported-" + UUID.randomUUID();
        String profileId = "profile-" + UUID.randomUUID();
        String item = IMPORT_ITEM.replace("{SESSION_ID}", sessionId).replace("{PROFILE_ID}", profileId);
        HttpResponse<String> response = DataSeed.inOther(api, "POST", "/sessions/import", api.developer(), "[" + item + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"saved\":1,\"errors\":[],\"ids\":[\"" + sessionId + "\"]}");

        TenantScope other = DataSeed.OTHER;
        SessionBindings.Binding binding = bindings.find(other, sessionId).orElseThrow();
        assertThat(binding.profileId()).isEqualTo(profileId);
        assertThat(binding.start()).isEqualTo(Instant.parse("2026-11-22T12:39:33.421930Z"));
        JsonNode session = api.parse(DataSeed.inOther(api, "GET", "/session/" + sessionId, api.marketer(), null));
        assertThat(session.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(session.has("operation")).isFalse();

        // Imported again with another start: the copy in the old partition is replaced, not duplicated.
        String moved = item.replace("2026-11-22T12:39:33.421930Z", "2026-10-02T08:00:00.000000Z");
        assertThat(api.parse(DataSeed.inOther(api, "POST", "/sessions/import", api.admin(), "[" + moved + "]")).path("saved").asInt()).isEqualTo(1);
        assertThat(bindings.find(other, sessionId).orElseThrow().start()).isEqualTo(Instant.parse("2026-10-02T08:00:00Z"));
        assertThat(api.parse(DataSeed.inOther(api, "GET", "/session/count", api.maintainer(), null)).path("count").asLong()).isEqualTo(1);
        assertThat(api.parse(DataSeed.inOther(api, "GET", "/session/" + sessionId, api.marketer(), null)).path("metadata").path("time").path("insert")
                .asText()).startsWith("2026-10-02");

        assertThat(api.post("/sessions/import", api.marketer(), "[" + item + "]").statusCode()).isEqualTo(403);
        for (String bad : new String[]{"[1]", "3", "{broken"}) {
            HttpResponse<String> refused = api.post("/sessions/import", api.admin(), bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(422);
            assertThat(api.parse(refused).has("detail")).isTrue();
        }
        JsonNode partly = api.parse(DataSeed.inOther(api, "POST", "/sessions/import", api.admin(),
                "[{\"id\":\"ok-" + UUID.randomUUID() + "\"}, {\"id\":\"bad\",\"metadata\":{\"time\":{\"insert\":\"not a time\"}}},"
                        + " {\"id\":\"bad2\",\"metadata\":\"text\"}]"));
        assertThat(partly.path("saved").asInt()).isEqualTo(1);
        assertThat(partly.path("errors")).hasSize(2);

        for (String path : new String[]{"/sessions/refresh", "/sessions/flash"}) {
            HttpResponse<String> maintenance = api.get(path, api.maintainer());
            assertThat(maintenance.statusCode()).isEqualTo(200);
            assertThat(api.parse(maintenance).has("_shards")).isTrue();
        }
    }

    @Test
    void sessionsAreCountedByAppSystemCountryChannelAndResolution() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            String app = i < 2 ? "App-" + tag : "Other-" + tag;
            String item = IMPORT_ITEM.replace("{SESSION_ID}", "counted-" + tag + "-" + i).replace("{PROFILE_ID}", "p-" + tag)
                    .replace("\"app\": {\"type\": null, \"name\": null", "\"app\": {\"type\": null, \"name\": \"" + app + "\"")
                    .replace("\"os\": {\"name\": null", "\"os\": {\"name\": \"Os-" + tag + "\"")
                    .replace("\"country\": {\"name\": null", "\"country\": {\"name\": \"Land-" + tag + "\"")
                    .replace("\"channel\": null", "\"channel\": \"Channel-" + tag + "\"")
                    .replace("\"ip\": null, \"resolution\": null", "\"ip\": null, \"resolution\": \"" + (800 + i) + "x" + tag + "\"");
            items.append(i == 0 ? "" : ",").append(item);
        }
        HttpResponse<String> imported = DataSeed.inTracked(api, "POST", "/sessions/import", api.developer(), items + "]");
        assertThat(api.parse(imported).path("saved").asInt()).as(imported.body()).isEqualTo(3);

        JsonNode byApp = api.parse(DataSeed.inTracked(api, "GET", "/sessions/count/by_app", api.maintainer(), null));
        assertThat(byApp.toString()).contains("{\"name\":\"App-" + tag + "\",\"value\":2}")
                .contains("{\"name\":\"Other-" + tag + "\",\"value\":1}");
        assertThat(api.parse(DataSeed.inTracked(api, "GET", "/sessions/count/by_os_name", api.marketer(), null)).toString())
                .contains("{\"name\":\"Os-" + tag + "\",\"value\":3}");
        assertThat(api.parse(DataSeed.inTracked(api, "GET", "/sessions/count/by_device_geo", api.developer(), null)).toString())
                .contains("{\"name\":\"Land-" + tag + "\",\"value\":3}");
        assertThat(api.parse(DataSeed.inTracked(api, "GET", "/sessions/count/by_channel", api.admin(), null)).toString())
                .contains("{\"name\":\"Channel-" + tag + "\",\"value\":3}");
        JsonNode resolutions = api.parse(DataSeed.inTracked(api, "GET", "/sessions/count/by_resolution?buckets_size=1000",
                api.maintainer(), null));
        assertThat(resolutions.toString()).contains("{\"name\":\"801x" + tag + "\",\"value\":1}");
        assertThat(api.parse(DataSeed.inTracked(api, "GET", "/sessions/count/by_app?buckets_size=1", api.maintainer(), null)))
                .hasSize(1);

        assertThat(DataSeed.inOther(api, "GET", "/sessions/count/by_app", api.maintainer(), null).body())
                .doesNotContain(tag);
        HttpResponse<String> badSize = DataSeed.inTracked(api, "GET", "/sessions/count/by_app?buckets_size=0", api.maintainer(), null);
        assertThat(badSize.statusCode()).isEqualTo(422);
        assertThat(api.parse(badSize).has("detail")).isTrue();
        assertThat(api.get("/sessions/count/by_app", null).statusCode()).isEqualTo(401);
    }
}
