package org.opencdp.server.profile.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencdp.server.profile.ProfileCache;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.PrivateApiFixture;

/** Profile endpoints (private-api §3.7) on the real stack, with profiles created by {@code /track}. */
class ProfileApiIT {

    @RegisterExtension
    static final PrivateApiFixture api = PrivateApiFixture.forClass("profileapi");
    private static RedisStore redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisStore.connect(api.config().redis());
        DataSeed.createSource(api);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @Test
    void aTrackedProfileIsReadWithItsMetaOnlyInItsContext() throws Exception {
        String profileId = DataSeed.track(api, UUID.randomUUID().toString(), null, 1).path("profile").path("id").asText();
        HttpResponse<String> response = DataSeed.inTracked(api, "GET", "/profile/" + profileId, api.marketer(), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode profile = api.parse(response);
        assertThat(profile.path("id").asText()).isEqualTo(profileId);
        assertThat(profile.path("ids").toString()).contains(profileId);
        assertThat(profile.path("_meta").path("id").asText()).isEqualTo(profileId);
        assertThat(profile.path("_meta").path("index").asText())
                .startsWith(api.namespace().indexPrefix() + ".default.stage.profile");
        assertThat(profile.has("internal")).isFalse();
        assertThat(profile.path("metadata").path("time").path("visit").path("count").asInt()).isEqualTo(1);
        assertThat(profile.path("data").path("pii").has("firstname")).isTrue();

        // Tracking wrote to staging: production has no such profile.
        HttpResponse<String> staging = DataSeed.inOther(api, "GET", "/profile/" + profileId, api.marketer(), null);
        assertThat(staging.statusCode()).isEqualTo(404);
        assertThat(staging.body()).isEqualTo("null");
        assertThat(DataSeed.inTracked(api, "GET", "/profile/" + profileId, api.maintainer(), null).statusCode()).isEqualTo(403);
        assertThat(api.get("/profile/" + profileId, null).statusCode()).isEqualTo(401);
    }

    @Test
    void missingAndHostileIdsAnswerNotFoundNull() throws Exception {
        for (String id : new String[]{"no-such-profile", "x".repeat(5000), "%20%20"}) {
            HttpResponse<String> response = api.get("/profile/" + id, api.admin());
            assertThat(response.statusCode()).as(id.length() + " chars").isEqualTo(404);
            assertThat(response.body()).isEqualTo("null");
            HttpResponse<String> delete = api.delete("/profile/" + id, api.admin());
            assertThat(delete.statusCode()).isEqualTo(404);
            assertThat(delete.body()).isEqualTo("null");
        }
        HttpResponse<String> nul = api.get("/profile/a%00b", api.admin());
        assertThat(nul.statusCode()).isBetween(400, 499);
        assertThat(api.json().readTree(nul.body())).isNotNull();
    }

    @Test
    void aMergedAwayIdReturnsTheSurvivorAndDeletionDropsCacheAndIdMap() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        String profileId = DataSeed.track(api, sessionId, null, 1).path("profile").path("id").asText();
        String mergedId = "merged-" + UUID.randomUUID();
        ProfileIdMap idMap = new ProfileIdMap(redis);
        ProfileCache cache = new ProfileCache(redis);
        idMap.map(DataSeed.TRACKED, mergedId, profileId, Duration.ofMinutes(5));
        // The survivor lists the merged id (as a merge writes it); import keeps the tracked document otherwise.
        JsonNode stored = api.parse(DataSeed.inTracked(api, "GET", "/profile/" + profileId, api.admin(), null));
        com.fasterxml.jackson.databind.node.ObjectNode withMergedId = stored.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) withMergedId.get("ids")).add(mergedId);
        assertThat(DataSeed.inTracked(api, "POST", "/profiles/import", api.admin(), "[" + withMergedId + "]").statusCode())
                .isEqualTo(200);
        redis.jedis().set(cache.key(DataSeed.TRACKED, profileId), "{}");

        JsonNode survivor = api.parse(DataSeed.inTracked(api, "GET", "/profile/" + mergedId, api.developer(), null));
        assertThat(survivor.path("id").asText()).isEqualTo(profileId);
        assertThat(survivor.path("_meta").path("id").asText()).isEqualTo(profileId);

        assertThat(DataSeed.inTracked(api, "DELETE", "/profile/" + profileId, api.marketer(), null).statusCode()).isEqualTo(403);
        HttpResponse<String> deleted = DataSeed.inTracked(api, "DELETE", "/profile/" + profileId, api.developer(), null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{\"deleted\":1}");
        assertThat(redis.jedis().exists(cache.key(DataSeed.TRACKED, profileId))).isFalse();
        assertThat(idMap.survivor(DataSeed.TRACKED, mergedId)).isEmpty();
        // Its ids are marked as deleted, so the session still bound to it is not trusted: processing §5.1 #4 gives
        // the next request of that session a new profile, instead of re-creating the deleted one.
        assertThat(idMap.deleted(DataSeed.TRACKED, profileId)).isTrue();
        assertThat(idMap.deleted(DataSeed.TRACKED, mergedId)).isTrue();
        JsonNode next = DataSeed.track(api, sessionId, null, 1);
        assertThat(next.path("session").path("id").asText()).isEqualTo(sessionId);
        String newId = next.path("profile").path("id").asText();
        assertThat(newId).isNotBlank().isNotEqualTo(profileId).isNotEqualTo(mergedId);
        assertThat(DataSeed.inTracked(api, "GET", "/profile/" + profileId, api.admin(), null).statusCode()).isEqualTo(404);
        assertThat(DataSeed.inTracked(api, "GET", "/profile/" + newId, api.admin(), null).statusCode()).isEqualTo(200);
        assertThat(DataSeed.inTracked(api, "GET", "/profile/" + profileId, api.admin(), null).statusCode()).isEqualTo(404);
        assertThat(DataSeed.inTracked(api, "GET", "/profile/" + mergedId, api.admin(), null).body()).isEqualTo("null");
        HttpResponse<String> again = DataSeed.inTracked(api, "DELETE", "/profile/" + profileId, api.admin(), null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).isEqualTo("null");
    }

    @Test
    void importFillsDefaultsAndIsVisibleAtOnceToCountsAndReads() throws Exception {
        long before = api.parse(DataSeed.inOther(api, "GET", "/profile/count", api.maintainer(), null)).path("count").asLong();
        String id = "imported-" + UUID.randomUUID();
        HttpResponse<String> response = DataSeed.inOther(api, "POST", "/profiles/import", api.admin(),
                "[{\"id\":\"" + id + "\",\"traits\":{\"plan\":\"gold\"},\"operation\":{\"new\":true}}, {\"traits\":{}}]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode saved = api.parse(response);
        assertThat(saved.path("saved").asInt()).isEqualTo(2);
        assertThat(saved.path("errors")).isEmpty();
        assertThat(saved.path("ids")).hasSize(2);
        assertThat(saved.path("ids").get(0).asText()).isEqualTo(id);

        JsonNode profile = api.parse(DataSeed.inOther(api, "GET", "/profile/" + id, api.marketer(), null));
        assertThat(profile.path("traits").path("plan").asText()).isEqualTo("gold");
        assertThat(profile.path("ids").toString()).isEqualTo("[\"" + id + "\"]");
        assertThat(profile.path("metadata").path("time").path("insert").asText()).isNotBlank();
        assertThat(profile.path("data").path("contact").path("email").has("main")).isTrue();
        assertThat(profile.path("stats").path("views").asInt()).isZero();
        assertThat(profile.has("operation")).isFalse();
        assertThat(api.parse(DataSeed.inOther(api, "GET", "/profile/count", api.maintainer(), null)).path("count").asLong()).isEqualTo(before + 2);

        assertThat(api.post("/profiles/import", api.developer(), "[]").statusCode()).isEqualTo(403);
        for (String bad : new String[]{"[1]", "\"text\"", "{not json", "[{\"id\":{\"a\":1}}]"}) {
            HttpResponse<String> refused = api.post("/profiles/import", api.admin(), bad);
            if (bad.startsWith("[{")) {
                assertThat(refused.statusCode()).isEqualTo(200);
                assertThat(api.parse(refused).path("saved").asInt()).isZero();
                assertThat(api.parse(refused).path("errors")).hasSize(1);
            } else {
                assertThat(refused.statusCode()).as(bad).isEqualTo(422);
                assertThat(api.parse(refused).has("detail")).isTrue();
            }
        }
    }

    @Test
    void refreshAndFlushAnswerShardCounts() throws Exception {
        for (String path : new String[]{"/profiles/refresh", "/profiles/flash"}) {
            HttpResponse<String> response = api.get(path, api.maintainer());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(api.parse(response).path("_shards").path("failed").asInt(-1)).isZero();
        }
        HttpResponse<String> logs = api.get("/profile/logs/some-id", api.marketer());
        assertThat(logs.statusCode()).isEqualTo(200);
        assertThat(logs.body()).isEqualTo("{\"total\":0,\"result\":[]}");
    }
}
