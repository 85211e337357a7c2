package org.opencdp.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.event.TrackerCapture;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.DataIndex;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.PartitionRegistry;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.testing.DataSeed;
import org.opencdp.server.testing.PrivateApiFixture;

/**
 * The built-in actions that read the stores, and the Merge profiles action (P14), through the worker on a real
 * {@code /track}: each test deploys a flow with a rule and checks what the batch stored and answered.
 */
class WorkflowActionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TenantScope SCOPE = DataSeed.TRACKED;
    private static PrivateApiFixture api;
    private static ElasticStore elastic;
    private static ProfileStore profiles;
    private static DataIndex data;
    private static HttpServer remote;
    private static final List<String> remoteCalls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("wfactions");
        DataSeed.createSource(api);
        elastic = ElasticStore.connect(api.config().elastic());
        profiles = new ProfileStore(elastic, new PartitionRegistry(elastic, api.config().storage().partitioning(), JSON), JSON);
        data = new DataIndex(elastic, JSON);
        remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            remoteCalls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
            byte[] answer = "{\"answer\": \"pong\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        remote.start();

        Jdbi jdbi = api.mysql().jdbi();
        String source = DataSeed.SOURCE;
        new ChainFlow("load-by-email")
                .then("InjectProfileByField", "{\"field\": \"data.contact.email.main\", \"value\": \"event@properties.email\"}", "profile")
                .then("IncreaseViewsAction", null, "payload").deploy(jdbi, "load-by-email", source);
        new ChainFlow("previous")
                .then("PreviousEventGetter", "{\"event_type\": {\"id\": \"@current\"}, \"offset\": -1}", "found")
                .then("CopyTraitAction", "{\"traits\": {\"set\": {\"profile@traits.previous\": \"payload@id\"}}}", "payload")
                .deploy(jdbi, "with-previous", source);
        new ChainFlow("remote")
                .then("RemoteCallAction", "{\"method\": \"post\", \"source\": {\"id\": \"hook\", \"name\": \"Hook\"},"
                        + " \"endpoint\": \"/hook/{{event@properties.code}}\", \"timeout\": 5,"
                        + " \"body\": {\"type\": \"application/json\", \"content\": \"{\\\"code\\\": \\\"event@properties.code\\\"}\"}}",
                        "response")
                .then("CopyTraitAction", "{\"traits\": {\"set\": {\"profile@traits.remote\": \"payload@content.answer\"}}}", "payload")
                .deploy(jdbi, "call-remote", source);
        new ChainFlow("consent")
                .then("ConsentAdder", "{\"consents\": \"event@properties.consents\"}", "payload")
                .deploy(jdbi, "give-consent", source);
        new ChainFlow("merge")
                .then("CopyTraitAction", "{\"traits\": {\"set\": {\"profile@data.contact.email.main\": \"event@properties.email\"}}}", "payload")
                .then("MergeProfilesAction", "{\"mergeBy\": [\"profile@data.contact.email.main\"]}", "payload")
                .deploy(jdbi, "merge-me", source);

        // The resource's test credentials name the local server (tracking writes to staging); production points nowhere.
        String resource = "{\"id\": \"hook\", \"name\": \"Hook\", \"type\": \"api\", \"enabled\": true, \"credentials\": {"
                + "\"production\": {\"url\": \"http://127.0.0.1:9\"}, \"test\": {\"url\": \"http://127.0.0.1:"
                + remote.getAddress().getPort() + "\"}}}";
        HttpResponse<String> saved = DataSeed.inTracked(api, "POST", "/resource", api.admin(), resource);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        HttpResponse<String> consent = DataSeed.inTracked(api, "POST", "/consent/type", api.admin(),
                "{\"id\": \"marketing\", \"name\": \"marketing\", \"revokable\": true, \"auto_revoke\": \"30d\"}");
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (remote != null) {
            remote.stop(0);
        }
        if (elastic != null) {
            elastic.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void loadProfileByFieldContinuesTheBatchOnTheStoredProfile() throws Exception {
        String stored = DataSeed.track(api, UUID.randomUUID().toString(), null, 1).path("profile").path("id").asText();
        change(stored, p -> p.with("data").with("contact").with("email").put("main", "known@example.com"));
        long viewsBefore = profile(stored).path("stats").path("views").asLong();

        JsonNode answer = track(UUID.randomUUID().toString(), null, "load-by-email", "{\"email\": \"known@example.com\"}");

        assertThat(answer.path("profile").path("id").asText()).isEqualTo(stored);
        assertThat(profile(stored).path("stats").path("views").asLong()).isEqualTo(viewsBefore + 1);
        JsonNode event = event(answer.path("events").get(0).asText());
        assertThat(event.path("type").asText()).isEqualTo("load-by-email");
        assertThat(event.path("profile").path("id").asText()).isEqualTo(stored);
    }

    @Test
    void aDebugRunLoadsTheStoredProfileButPersistsNothing() throws Exception {
        String stored = DataSeed.track(api, UUID.randomUUID().toString(), null, 1).path("profile").path("id").asText();
        change(stored, p -> p.with("data").with("contact").with("email").put("main", "debug@example.com"));
        Versioned<ObjectNode> before = profiles.get(SCOPE, stored).orElseThrow();
        // An event no rule reacts to, replayed in the debugger.
        JsonNode tracked = track(UUID.randomUUID().toString(), null, "no-rule", "{\"email\": \"debug@example.com\"}");
        String eventId = tracked.path("events").get(0).asText();
        data.refresh(SCOPE, IndexKind.EVENT); // the debugger finds stored events by search
        ObjectNode flow = new ChainFlow("debug-load")
                .then("InjectProfileByField", "{\"field\": \"data.contact.email.main\", \"value\": \"event@properties.email\"}", "profile")
                .then("IncreaseViewsAction", null, "payload").graph();

        HttpResponse<String> debug = DataSeed.inTracked(api, "POST", "/flow/debug?event_id=" + eventId, api.admin(), flow.toString());

        assertThat(debug.statusCode()).as(debug.body()).isEqualTo(200);
        JsonNode info = JSON.readTree(debug.body()).path("debugInfo");
        assertThat(info.path("flow").path("error")).as(debug.body()).isEmpty();
        assertThat(info.path("nodes").toString()).contains(stored);
        assertThat(profiles.get(SCOPE, stored).orElseThrow().seqNo()).isEqualTo(before.seqNo());
    }

    @Test
    void getPreviousEventFindsTheEarlierEventOfTheProfile() throws Exception {
        String session = UUID.randomUUID().toString();
        JsonNode first = track(session, null, "with-previous", "{\"n\": 1}");
        String profileId = first.path("profile").path("id").asText();
        String firstEvent = first.path("events").get(0).asText();
        assertThat(profile(profileId).path("traits").has("previous")).isFalse();
        data.refresh(SCOPE, IndexKind.EVENT);

        track(session, profileId, "with-previous", "{\"n\": 2}");

        assertThat(profile(profileId).path("traits").path("previous").asText()).isEqualTo(firstEvent);
    }

    @Test
    void remoteApiCallUsesTheResourcesTestUrl() throws Exception {
        JsonNode answer = track(UUID.randomUUID().toString(), null, "call-remote", "{\"code\": \"abc\"}");

        assertThat(remoteCalls).contains("POST /hook/abc {\"code\":\"abc\"}");
        assertThat(profile(answer.path("profile").path("id").asText()).path("traits").path("remote").asText()).isEqualTo("pong");
    }

    @Test
    void addConsentGrantsKnownConsentTypesOnly() throws Exception {
        JsonNode answer = track(UUID.randomUUID().toString(), null, "give-consent",
                "{\"consents\": {\"marketing\": true, \"unknown\": true}}");

        JsonNode consents = profile(answer.path("profile").path("id").asText()).path("consents");
        assertThat(consents.has("marketing")).isTrue();
        assertThat(consents.path("marketing").path("revoke").asText()).isNotBlank();
        assertThat(consents.has("unknown")).isFalse();
        assertThat(answer.path("warnings").toString()).contains("unknown");
    }

    @Test
    void mergeProfilesContinuesOnTheOlderSurvivor() throws Exception {
        String older = DataSeed.track(api, UUID.randomUUID().toString(), null, 1).path("profile").path("id").asText();
        change(older, p -> {
            p.with("data").with("contact").with("email").put("main", "same@example.com");
            p.with("stats").put("views", 5);
        });
        String session = UUID.randomUUID().toString();

        JsonNode answer = track(session, null, "merge-me", "{\"email\": \"same@example.com\"}");

        assertThat(answer.path("profile").path("id").asText()).isEqualTo(older);
        ObjectNode survivor = profile(older);
        // Its ids: its own, the merged-away profile's and hashed ids (emm-…).
        List<String> mergedAway = ids(survivor).stream().filter(id -> !id.equals(older) && !id.matches("[a-z]{3}-.*")).toList();
        assertThat(mergedAway).hasSize(1);
        String merged = mergedAway.get(0);
        assertThat(profiles.get(SCOPE, merged)).isEmpty();
        assertThat(survivor.path("data").path("contact").path("email").path("main").asText()).isEqualTo("same@example.com");
        // Every event of the batch, system events included, was stored with the survivor's id.
        for (JsonNode id : answer.path("events")) {
            assertThat(event(id.asText()).path("profile").path("id").asText()).as(id.asText()).isEqualTo(older);
        }
        assertThat(answer.path("events").size()).isGreaterThan(1);
        // The next call with the same session lands on the survivor, and nothing merges again.
        JsonNode again = track(session, merged, "merge-me", "{\"email\": \"same@example.com\"}");
        assertThat(again.path("profile").path("id").asText()).isEqualTo(older);
        assertThat(ids(profile(older))).containsAll(ids(survivor));
    }

    private static List<String> ids(JsonNode profile) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        profile.path("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    static JsonNode track(String sessionId, String profileId, String type, String properties) throws Exception {
        ObjectNode body = TrackerCapture.body().deepCopy();
        body.putObject("session").put("id", sessionId);
        if (profileId == null) {
            body.putNull("profile");
        } else {
            body.putObject("profile").put("id", profileId);
        }
        body.putObject("options").put("debugger", true);
        ObjectNode event = body.withArray("events").get(0).deepCopy();
        event.put("type", type);
        event.set("properties", JSON.readTree(properties));
        body.putArray("events").add(event);
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(api.url("/track")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 226);
        return JSON.readTree(response.body());
    }

    private static void change(String id, java.util.function.Consumer<ObjectNode> change) {
        Versioned<ObjectNode> stored = profiles.get(SCOPE, id).orElseThrow();
        change.accept(stored.document());
        profiles.replace(SCOPE, stored.document(), stored, Refresh.WAIT_FOR);
    }

    private static ObjectNode profile(String id) {
        return profiles.get(SCOPE, id).map(Versioned::document).orElseThrow(() -> new AssertionError("no profile " + id));
    }

    private static JsonNode event(String id) {
        return data.findById(SCOPE, IndexKind.EVENT, id).map(DataIndex.Hit::source)
                .orElseThrow(() -> new AssertionError("no event " + id));
    }
}
