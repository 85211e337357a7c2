package org.opencdp.server.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.role.Role;
import org.opencdp.server.role.RoleCommand;
import org.opencdp.server.source.ConfigChangeBus;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * Event-to-profile mapping end to end on the real stack, in the all-in-one role: {@code /track} events of built-in
 * types and of custom-mapped types change the profile stored in Elasticsearch, and a mapping written on another
 * node reaches the worker's cache through the config-change channel.
 */
class MappingEndToEndIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("mapping");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SOURCE = "js-source-1";
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));
    private static DropwizardAppExtension<TracardiConfiguration> app;
    private static MysqlStore mysql;

    @BeforeAll
    static void start() throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(NAMESPACE.overrides(true)));
        // These tests use the production scope; all-in-one collects into staging unless locked to production.
        overrides.add(ConfigOverride.config("context.production", "true"));
        overrides.add(ConfigOverride.config("collector.trackDebug", "true"));
        overrides.add(ConfigOverride.config("collector.awaitTimeout", "10s"));
        overrides.add(ConfigOverride.config("worker.threads", "4"));
        app = new DropwizardAppExtension<>(TracardiApplication.class, "../config/all-in-one.yml", (String) null,
                application -> new RoleCommand(application, Role.ALL_IN_ONE), overrides.toArray(ConfigOverride[]::new));
        app.before();
        TracardiConfiguration config = app.getConfiguration();
        mysql = MysqlStore.connect(config.mysql(), new MetricRegistry(), "test");
        EventSourceDao sources = new EventSourceDao(mysql.jdbi(), JSON, ConfigChangePublisher.NONE);
        sources.upsert(SCOPE, EventSource.fromJson(JSON.readTree(
                "{\"id\":\"" + SOURCE + "\",\"name\":\"Web\",\"type\":[\"rest\"],\"channel\":\"Web\",\"enabled\":true}")));
        // Written before any event of these types is processed, so no cache holds them yet.
        EventToProfileMappingDao mappings = new EventToProfileMappingDao(mysql.jdbi(), JSON, ConfigChangePublisher.NONE);
        mappings.upsert(SCOPE, EventToProfileMapping.fromJson(JSON.readTree("""
                {"id": "newsletter", "name": "Newsletter", "enabled": true,
                 "event_type": {"id": "newsletter-signup", "name": "Newsletter Signup"},
                 "event_to_profile": [
                   {"event": {"value": "properties.email", "ref": true}, "op": 0, "profile": {"value": "data.contact.email.private", "ref": true}},
                   {"event": {"value": "properties.nick", "ref": true}, "op": 1, "profile": {"value": "traits.nick", "ref": true}},
                   {"event": {"value": "properties.topic", "ref": true}, "op": 2, "profile": {"value": "data.preferences.other", "ref": true}},
                   {"event": {"value": "properties.age", "ref": true}, "op": 0, "profile": {"value": "data.pii.attributes.height", "ref": true}}
                 ]}""")));
        mappings.upsert(SCOPE, EventToProfileMapping.fromJson(JSON.readTree("""
                {"id": "with-condition", "name": "Conditional", "enabled": true,
                 "event_type": {"id": "newsletter-signup"}, "config": {"condition": "event@properties.vip == true"},
                 "event_to_profile": [
                   {"event": {"value": "vip", "ref": false}, "op": 2, "profile": {"value": "segments", "ref": true}}
                 ]}""")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (mysql != null) {
            mysql.close();
        }
        app.after();
    }

    @Test
    void aSignInSetsTheContactAndThePrimaryId() throws Exception {
        String session = UUID.randomUUID().toString();
        String pk = "cust-" + UUID.randomUUID();
        ObjectNode signIn = event("sign-in", "{\"email\": {\"main\": \"anna@example.com\"}, \"pk\": \"" + pk + "\", \"login\": \"anna\"}");
        JsonNode first = track(session, null, signIn);
        assertThat(first.path("profile").path("saved").asInt()).isEqualTo(1);
        assertThat(first.path("errors")).isEmpty();
        assertThat(first.path("warnings")).isEmpty();
        String profileId = first.path("profile").path("id").asText();

        JsonNode profile = profile(profileId);
        assertThat(profile.at("/data/contact/email/main").asText()).isEqualTo("anna@example.com");
        assertThat(profile.at("/primary_id").asText()).isEqualTo(pk);
        assertThat(profile.at("/data/identifier/pk").asText()).isEqualTo(pk);
        assertThat(profile.at("/data/identifier/token").asText()).isEqualTo("anna");
        assertThat(profile.at("/data/anonymous").asBoolean()).isFalse();
        assertThat(profile.at("/metadata/fields").has("data.contact.email.main")).isTrue();
        // Merging keys are findable by their salted hashes (processing §9), the e-mail's normalised first (D37).
        HashedIds hashes = new HashedIds(TestStack.SALT);
        String annaHash = hashes.hash("data.contact.email.main", " Anna@Example.com").orElseThrow();
        assertThat(profile.at("/ids").toString()).contains(annaHash)
                .contains(hashes.hash("data.identifier.pk", pk).orElseThrow());

        JsonNode stored = elastic("/" + alias("event") + "/_doc/" + first.path("events").get(0).asText()).path("_source");
        assertThat(stored.at("/data/contact/email/main").asText()).isEqualTo("anna@example.com");
        assertThat(stored.at("/tags/values").toString()).isEqualTo("[\"event:behavioral\"]");
        assertThat(stored.at("/journey/state").asText()).isEqualTo("consideration");

        // The same session again: no new visit, so only the mapping can make the profile count as saved.
        JsonNode changed = track(session, profileId, event("sign-in", "{\"email\": {\"main\": \"anna@work.example\"}}"));
        assertThat(changed.path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(changed.path("profile").path("saved").asInt()).isEqualTo(1);
        assertThat(profile(profileId).at("/data/contact/email/main").asText()).isEqualTo("anna@work.example");
        assertThat(profile(profileId).at("/ids").toString()).as("the old hash still finds the person").contains(annaHash)
                .contains(hashes.hash("data.contact.email.main", "anna@work.example").orElseThrow());
        JsonNode unchanged = track(session, profileId, event("sign-in", "{\"email\": {\"main\": \"anna@work.example\"}}"));
        assertThat(unchanged.path("profile").path("saved").asInt()).isZero();
    }

    @Test
    void aCustomMappingWritesItsFieldsAndSkipsWhatItCannotDo() throws Exception {
        String session = UUID.randomUUID().toString();
        JsonNode answer = track(session, null, event("newsletter-signup",
                "{\"email\": \"news@example.com\", \"nick\": \"annie\", \"topic\": \"running\", \"age\": \"old\"}"));
        assertThat(answer.path("profile").path("saved").asInt()).isEqualTo(1);
        String profileId = answer.path("profile").path("id").asText();
        assertThat(answer.path("warnings").toString())
                .doesNotContain("with-condition")
                .contains("Mapping properties.age → data.pii.attributes.height skipped: not a number");

        JsonNode profile = profile(profileId);
        assertThat(profile.at("/data/contact/email/private").asText()).isEqualTo("news@example.com");
        assertThat(profile.at("/traits/nick").asText()).isEqualTo("annie");
        // event@properties.vip is absent, so the conditional mapping did not apply.
        assertThat(profile.at("/segments").toString()).doesNotContain("vip");
        assertThat(profile.at("/data/preferences/other").toString()).isEqualTo("[\"running\"]");
        assertThat(profile.at("/segments").toString()).isEqualTo("[]");
        assertThat(profile.at("/data/anonymous").asBoolean()).isFalse();

        JsonNode again = track(session, profileId, event("newsletter-signup",
                "{\"nick\": \"other\", \"topic\": \"cycling\"}"));
        assertThat(again.path("profile").path("saved").asInt()).isEqualTo(1);
        JsonNode updated = profile(profileId);
        assertThat(updated.at("/traits/nick").asText()).as("equals_if_not_exists keeps a set value").isEqualTo("annie");
        assertThat(updated.at("/data/preferences/other").toString()).isEqualTo("[\"running\",\"cycling\"]");
    }

    @Test
    void aMappingWrittenOnAnotherNodeReachesTheWorker() throws Exception {
        String session = UUID.randomUUID().toString();
        JsonNode before = track(session, null, event("loyalty-points", "{\"points\": 10}"));
        String profileId = before.path("profile").path("id").asText();
        assertThat(profile(profileId).at("/traits/points").isMissingNode()).isTrue();

        TracardiConfiguration config = app.getConfiguration();
        try (RedisStore redis = RedisStore.connect(config.redis())) {
            ConfigChangeBus otherNode = new ConfigChangeBus(redis.jedis(), config.redis(), "other-node");
            new EventToProfileMappingDao(mysql.jdbi(), JSON, otherNode).upsert(SCOPE, EventToProfileMapping.fromJson(
                    JSON.readTree("""
                            {"id": "points", "enabled": true, "event_type": {"id": "loyalty-points"},
                             "event_to_profile": [{"event": {"value": "properties.points", "ref": true}, "op": 0,
                                                   "profile": {"value": "traits.points", "ref": true}}]}""")));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int points = 0;
        while (points == 0 && System.nanoTime() < deadline) {
            track(session, profileId, event("loyalty-points", "{\"points\": 25}"));
            points = profile(profileId).at("/traits/points").asInt();
        }
        assertThat(points).isEqualTo(25);
    }

    private static ObjectNode event(String type, String properties) throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        event.set("properties", JSON.readTree(properties));
        return event;
    }

    /** Sends one batch and returns the answer (with the debug block). */
    private static JsonNode track(String session, String profileId, ObjectNode... events) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("source").put("id", SOURCE);
        body.putObject("session").put("id", session);
        if (profileId == null) {
            body.putNull("profile");
        } else {
            body.putObject("profile").put("id", profileId);
        }
        ArrayNode list = body.putArray("events");
        for (ObjectNode event : events) {
            list.add(event);
        }
        body.putObject("options").put("debugger", true);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + "/track"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode profile(String id) throws Exception {
        JsonNode found = elastic("/" + alias("profile") + "/_doc/" + id);
        assertThat(found.path("found").asBoolean()).as(found.toString()).isTrue();
        return found.path("_source");
    }

    private static String alias(String kind) {
        return NAMESPACE.indexPrefix() + ".default.prod." + kind;
    }

    private static JsonNode elastic(String path) throws Exception {
        return JSON.readTree(TestStack.httpGet(TestStack.get("ELASTIC_HOST") + path).body());
    }
}
