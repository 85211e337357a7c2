package org.opencdp.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencdp.server.common.JsonPaths;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.profile.ProfileRef;
import org.opencdp.server.session.SessionDocument;

class EventDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path SAMPLES = Path.of("..", "migrations/src/test/resources/elastic/samples/event");
    private static final Instant RECEIVED = Instant.parse("2026-11-22T12:42:04.090Z");

    /** The first page-view of the captured first visit, built as step P8 does. */
    static EventDocument capturedPageView(SessionDocument session, ProfileRef profile) {
        JsonNode payload = TrackerCapture.body().get("events").get(0);
        EventInput input = new EventInput("5f0a1c2e-8d1b-4d6e-9a35-0c9b6a7e1f01", payload.get("type").asText(),
                payload.get("properties"), payload.get("context"), payload.get("options"), null, RECEIVED,
                payload.path("time").get("create"));
        EventOrigin origin = new EventOrigin(TrackerCapture.body().at("/source/id").asText(), "Web", "127.0.0.1",
                TrackerCapture.storedHeaders(), false, false, "worker-7f3c");
        return EventDocument.build(input, origin, session.ref(), profile, session);
    }

    static SessionDocument capturedSession(String profileId) {
        SessionDocument session = SessionDocument.create(TrackerCapture.body().at("/session/id").asText(), profileId,
                RECEIVED, "Web");
        session.mergeContext(TrackerCapture.body().get("context"));
        session.mergeProperties(TrackerCapture.body().get("properties"));
        return session;
    }

    @Test
    void buildsAPageViewLikeTheAcceptedSample() throws Exception {
        SessionDocument session = capturedSession("profile-10d6d5f3");
        session.os().put("name", "Linux");
        EventDocument event = capturedPageView(session, ProfileRef.of("profile-10d6d5f3"));
        ObjectNode json = event.json();
        ObjectNode sample = (ObjectNode) MAPPER.readTree(SAMPLES.resolve("page-view-tracker.json").toFile());

        assertThat(JsonPaths.of(json)).containsExactlyInAnyOrderElementsOf(JsonPaths.of(sample));
        assertThat(json.get("type").textValue()).isEqualTo("page-view");
        assertThat(json.get("name").textValue()).isEqualTo("Page View");
        assertThat(json.at("/metadata/time/insert").textValue()).isEqualTo("2026-11-22T12:42:04.090000+00:00");
        assertThat(json.at("/metadata/time/create").textValue()).isEqualTo("2026-11-22T12:42:04.074Z");
        assertThat(json.at("/metadata/status").textValue()).isEqualTo("collected");
        assertThat(json.at("/metadata/processed_by").toString()).isEqualTo("{\"rules\":[],\"flows\":[],\"third_party\":[]}");
        assertThat(json.at("/metadata/channel").textValue()).isEqualTo("Web");
        assertThat(json.at("/metadata/ip").textValue()).isEqualTo("127.0.0.1");
        assertThat(json.at("/source/id").textValue()).isEqualTo("js-source-1");
        assertThat(json.get("session")).isEqualTo(sample.get("session"));
        assertThat(json.get("profile")).isEqualTo(sample.get("profile"));
        assertThat(json.get("properties")).isEqualTo(sample.get("properties"));
        assertThat(json.get("context")).isEqualTo(sample.get("context"));
        assertThat(json.get("request")).isEqualTo(sample.get("request"));
        assertThat(json.get("hit")).isEqualTo(sample.get("hit"));
        assertThat(json.get("utm")).isEqualTo(sample.get("utm"));
        assertThat(json.at("/os/name").textValue()).isEqualTo("Linux");
        assertThat(json.get("tags").toString()).isEqualTo("{\"values\":[],\"count\":0}");
        assertThat(event.insert()).isEqualTo(RECEIVED);

        session.os().put("name", "changed later");
        assertThat(json.at("/os/name").textValue()).isEqualTo("Linux");
    }

    @Test
    void hitTakesOnlyScalarsFromThePage() throws Exception {
        EventInput input = new EventInput("e-1", "Page View", null,
                MAPPER.readTree("{\"page\": {\"title\": {\"x\": 1}, \"url\": 5, \"referer\": {\"host\": \"google.com\"}}}"),
                MAPPER.readTree("[\"not an object\"]"), List.of(" a ", "b", "a", " "), RECEIVED, MAPPER.readTree("{}"));
        EventDocument event = EventDocument.build(input, origin(true), null, ProfileRef.of("p-1"), null);
        ObjectNode json = event.json();
        assertThat(json.at("/hit/name").isNull()).isTrue();
        assertThat(json.at("/hit/url").textValue()).isEqualTo("5");
        assertThat(json.at("/hit/referer").textValue()).isEqualTo("google.com");
        assertThat(json.get("config").toString()).isEqualTo("{}");
        assertThat(json.get("properties").toString()).isEqualTo("{}");
        assertThat(json.get("tags").toString()).isEqualTo("{\"values\":[\"a\",\"b\"],\"count\":2}");
        assertThat(json.at("/metadata/time/create").isNull()).isTrue();
        assertThat(json.get("session").isNull()).isTrue();
        assertThat(json.get("profile").isNull()).as("profile-less batches store no profile").isTrue();
        assertThat(json.at("/metadata/profile_less").booleanValue()).isTrue();
        assertThat(json.at("/device/geo/country").isObject()).isTrue();
        assertThat(json.get("type").textValue()).isEqualTo("page-view");
    }

    @Test
    void systemEventsFollowDomainModel14() throws Exception {
        SessionDocument session = capturedSession("p-1");
        ProfileDocument profile = ProfileDocument.create("p-1", RECEIVED);
        ObjectNode sample = (ObjectNode) MAPPER.readTree(SAMPLES.resolve("minimal-system-event.json").toFile());
        List<EventDocument> events = new ArrayList<>();
        for (SystemEventType type : SystemEventType.values()) {
            events.add(EventDocument.systemEvent(type, "batch-1", RECEIVED, origin(false), null, profile.ref(), session,
                    List.of("page-view", "purchase-order", "profile-created")));
        }
        assertThat(events).extracting(EventDocument::type).containsExactly("profile-created", "visit-started", "session-opened");
        assertThat(events).extracting(EventDocument::insert)
                .containsExactly(RECEIVED.minusSeconds(3), RECEIVED.minusSeconds(1), RECEIVED.minusSeconds(2));
        for (EventDocument event : events) {
            ObjectNode json = event.json();
            assertThat(JsonPaths.of(json)).as(event.type()).filteredOn(path -> !path.startsWith("/properties/"))
                    .containsExactlyInAnyOrderElementsOf(JsonPaths.of(sample));
            assertThat(json.at("/metadata/time/create")).isEqualTo(json.at("/metadata/time/insert"));
            assertThat(json.at("/source/id").textValue()).isEqualTo("js-source-1");
            assertThat(json.at("/tags/values/0").textValue()).isEqualTo("event:system");
            assertThat(json.at("/request/headers").size()).isZero();
            assertThat(json.at("/utm/source").textValue()).isEqualTo("news");
            assertThat(json.get("context").size()).isZero();
        }
        assertThat(events.get(0).json().get("name").textValue()).isEqualTo("Profile Created");
        assertThat(events.get(0).json().get("properties").size()).isZero();
        assertThat(events.get(1).json().at("/properties/trigger-event-types").toString())
                .isEqualTo("[\"page-view\",\"purchase-order\",\"profile-created\"]");
        assertThat(events.get(2).json().get("properties").size()).isZero();

        EventDocument again = EventDocument.systemEvent(SystemEventType.PROFILE_CREATED, "batch-1", RECEIVED,
                origin(false), null, profile.ref(), session, List.of());
        assertThat(again.id()).isEqualTo(events.get(0).id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(SystemEventType.PROFILE_CREATED.idFor("batch-2")).isNotEqualTo(again.id());
        assertThat(SystemEventType.VISIT_STARTED.idFor("batch-1")).isNotEqualTo(again.id());
    }

    @Test
    void statusProcessedByTagsAndTimes() {
        EventInput input = new EventInput("e-1", "purchase", null, null, null, null, RECEIVED, null);
        EventDocument event = EventDocument.build(input, origin(false), null, null, null);
        event.setStatus(EventDocument.Status.PROCESSED);
        event.addProcessedBy(EventDocument.ProcessedBy.RULES, "Count page views");
        event.addProcessedBy(EventDocument.ProcessedBy.RULES, "Count page views");
        event.addProcessedBy(EventDocument.ProcessedBy.FLOWS, "flow-1");
        event.setTags(List.of("traffic", "page"));
        event.setTimes(RECEIVED.plusMillis(90), 0.0123, 0.087);
        ObjectNode json = event.json();
        assertThat(event.status()).isEqualTo("processed");
        assertThat(json.at("/metadata/processed_by").toString())
                .isEqualTo("{\"rules\":[\"Count page views\"],\"flows\":[\"flow-1\"],\"third_party\":[]}");
        assertThat(json.get("tags").toString()).isEqualTo("{\"values\":[\"traffic\",\"page\"],\"count\":2}");
        assertThat(json.at("/metadata/time/update").textValue()).isEqualTo("2026-11-22T12:42:04.180000+00:00");
        assertThat(json.at("/metadata/time/total_time").doubleValue()).isEqualTo(0.087);
        json.putObject("internal").put("x", 1);
        assertThat(event.toApiJson().has("internal")).isFalse();
    }

    @Test
    void trackerCaptureCopyMatchesTheSharedFixture() throws IOException {
        Path file = Path.of(System.getenv().getOrDefault("TRACARDI_FIXTURES", "/work/shared/fixtures/tracardi"),
                "js_tracker_capture.jsonl");
        assumeTrue(Files.isRegularFile(file), "shared fixture not available");
        JsonNode firstTrack = null;
        for (String line : Files.readAllLines(file)) {
            JsonNode request = MAPPER.readTree(line);
            if ("POST".equals(request.path("method").asText()) && "/track".equals(request.path("path").asText())) {
                firstTrack = request;
                break;
            }
        }
        assertThat(firstTrack).isEqualTo(TrackerCapture.request());
    }

    private static EventOrigin origin(boolean profileLess) {
        return new EventOrigin("js-source-1", "Web", "127.0.0.1", TrackerCapture.storedHeaders(), profileLess, false, null);
    }
}
