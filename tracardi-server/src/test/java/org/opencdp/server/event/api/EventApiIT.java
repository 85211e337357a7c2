package org.opencdp.server.event.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.PrivateApiFixture;

/** Event endpoints (private-api §3.4) on the real stack, with events created by {@code /track}. */
class EventApiIT {

    @RegisterExtension
    static final PrivateApiFixture api = PrivateApiFixture.forClass("eventapi");

    @BeforeAll
    static void start() throws Exception {
        DataSeed.createSource(api);
    }

    @Test
    void aFirstVisitAddsFourEventsThatAreReadCountedAggregatedAndDeleted() throws Exception {
        long before = count();
        JsonNode tracked = DataSeed.track(api, UUID.randomUUID().toString(), null, 1);
        String profileId = tracked.path("profile").path("id").asText();
        List<String> eventIds = new ArrayList<>();
        tracked.path("events").forEach(id -> eventIds.add(id.asText()));
        assertThat(eventIds).hasSize(4);
        HttpResponse<String> refreshed = prod("GET", "/events/refresh", api.maintainer());
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(api.parse(refreshed).path("_shards").path("failed").asInt(-1)).isZero();
        assertThat(count()).isEqualTo(before + 4);
        assertThat(api.parse(DataSeed.inOther(api, "GET", "/event/count", api.maintainer(), null)).path("count").asLong())
                .as("the production context has no events").isZero();

        // One event by id, in Tracardi's envelope.
        HttpResponse<String> read = prod("GET", "/event/" + eventIds.get(0), api.marketer());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode envelope = api.parse(read);
        assertThat(envelope.size()).isEqualTo(2);
        assertThat(envelope.path("event").path("id").asText()).isEqualTo(eventIds.get(0));
        assertThat(envelope.path("event").path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(envelope.path("_metadata").path("id").asText()).isEqualTo(eventIds.get(0));
        assertThat(envelope.path("_metadata").path("index").asText())
                .startsWith(api.namespace().indexPrefix() + ".default.stage.event.v1.");
        assertThat(DataSeed.inOther(api, "GET", "/event/" + eventIds.get(0), api.marketer(), null).body()).isEqualTo("null");
        assertThat(prod("GET", "/event/" + eventIds.get(0), api.maintainer()).statusCode()).isEqualTo(403);

        // Aggregations.
        JsonNode byType = api.parse(prod("GET", "/events/by_type?buckets_size=10", api.maintainer()));
        Set<String> types = new HashSet<>();
        long total = 0;
        for (JsonNode bucket : byType) {
            assertThat(bucket.size()).isEqualTo(2);
            types.add(bucket.path("name").asText());
            total += bucket.path("value").asLong();
        }
        assertThat(types).contains("page-view", "profile-created", "session-opened", "visit-started");
        assertThat(total).isEqualTo(before + 4);
        assertThat(prod("GET", "/events/by_source", api.maintainer()).body())
                .isEqualTo("[{\"name\":\"" + DataSeed.SOURCE + "\",\"value\":" + (before + 4) + "}]");
        for (JsonNode bucket : api.parse(prod("GET", "/events/by_status", api.maintainer()))) {
            assertThat(bucket.path("name").asText()).isIn("collected", "processed");
        }
        for (String path : new String[]{"by_tag", "by_device_geo", "by_os_name", "by_channel", "by_resolution"}) {
            HttpResponse<String> response = prod("GET", "/events/" + path, api.maintainer());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(api.parse(response).isArray()).isTrue();
        }
        assertThat(api.parse(prod("GET", "/events/by_os_name", api.maintainer())).toString()).contains("\"name\":\"Linux\"");
        assertThat(prod("GET", "/events/by_type?buckets_size=abc", api.maintainer()).statusCode()).isEqualTo(422);

        JsonNode metadata = api.parse(prod("GET", "/events/metadata/type?limit=10", api.maintainer()));
        assertThat(metadata.path("total").asInt()).isEqualTo(metadata.path("result").size());
        assertThat(metadata.path("result").toString()).contains("{\"name\":\"Page View\",\"id\":\"page-view\"}")
                .contains("{\"name\":\"Visit Started\",\"id\":\"visit-started\"}");

        assertThat(api.parse(prod("GET", "/event/avg/requests", api.maintainer())).asDouble()).isGreaterThan(0);
        JsonNode processTime = api.parse(prod("GET", "/event/avg/process-time", api.maintainer()));
        assertThat(processTime.path("avg").isNumber()).isTrue();
        assertThat(processTime.path("records").isNumber()).isTrue();

        JsonNode ofProfile = api.parse(prod("GET", "/events/profile/" + profileId, api.maintainer()));
        assertThat(ofProfile.path("total").asInt()).isEqualTo(4);
        assertThat(ofProfile.path("result")).hasSize(4);

        // Deletion: 403 for a marketer, 1 then 0 for a developer.
        assertThat(prod("DELETE", "/event/" + eventIds.get(0), api.marketer()).statusCode()).isEqualTo(403);
        HttpResponse<String> deleted = prod("DELETE", "/event/" + eventIds.get(0), api.developer());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"deleted\":1}");
        HttpResponse<String> again = prod("DELETE", "/event/" + eventIds.get(0), api.developer());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{\"deleted\":0}");
        HttpResponse<String> gone = prod("GET", "/event/" + eventIds.get(0), api.admin());
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("null");
        assertThat(count()).isEqualTo(before + 3);
    }

    @Test
    void hostileIdsAndSmallEndpointsAnswerTheirShapes() throws Exception {
        String longId = "e".repeat(5000);
        HttpResponse<String> missing = api.get("/event/" + longId, api.admin());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("null");
        assertThat(api.delete("/event/" + longId, api.admin()).body()).isEqualTo("{\"deleted\":0}");
        assertThat(api.get("/event/no-such-event", api.admin()).body()).isEqualTo("null");
        assertThat(api.get("/event/debug/any", api.marketer()).body()).isEqualTo("[]");
        assertThat(api.get("/event/logs/any", api.marketer()).body()).isEqualTo("{\"total\":0,\"result\":[]}");
        assertThat(api.get("/event/logs/any", api.maintainer()).statusCode()).isEqualTo(403);
        HttpResponse<String> schema = api.get("/event/type/page-view/schema", api.maintainer());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(api.parse(schema).isObject()).isTrue();
        assertThat(api.get("/event/type/no-such-type/schema", api.maintainer()).body()).isEqualTo("null");
        assertThat(api.get("/events/flush", api.maintainer()).statusCode()).isEqualTo(200);
        assertThat(api.parse(api.get("/events/flush", api.maintainer())).has("_shards")).isTrue();
        assertThat(api.get("/events/metadata/type?limit=0", api.maintainer()).statusCode()).isEqualTo(422);
        assertThat(api.get("/events/by_type", null).statusCode()).isEqualTo(401);
    }

    private static long count() throws Exception {
        return api.parse(prod("GET", "/event/count", api.maintainer())).path("count").asLong();
    }

    private static HttpResponse<String> prod(String method, String path, String token) throws Exception {
        return DataSeed.inTracked(api, method, path, token, null);
    }
}
