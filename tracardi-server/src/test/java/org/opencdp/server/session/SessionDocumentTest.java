package org.opencdp.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencdp.server.common.JsonPaths;
import org.opencdp.server.profile.ProfileRef;

class SessionDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A Sunday. */
    private static final Instant START = Instant.parse("2026-11-22T12:39:33.421992Z");
    private static final Path SAMPLES = Path.of("..", "migrations/src/test/resources/elastic/samples/session");

    @Test
    void createHasTheContractShape() throws Exception {
        SessionDocument session = SessionDocument.create("s-1", "p-1", START, "Web");
        ObjectNode json = session.json();
        assertThat(session.id()).isEqualTo("s-1");
        assertThat(session.profileId()).isEqualTo("p-1");
        assertThat(session.start()).isEqualTo(START);
        assertThat(json.at("/metadata/time/insert").textValue()).isEqualTo("2026-11-22T12:39:33.421992+00:00");
        assertThat(json.at("/metadata/time/timestamp").doubleValue()).isEqualTo(1795351173.421992);
        assertThat(json.at("/metadata/time/weekday").intValue()).isEqualTo(6);
        assertThat(json.at("/metadata/time/duration").doubleValue()).isZero();
        assertThat(json.at("/metadata/channel").textValue()).isEqualTo("Web");
        assertThat(session.status()).isEqualTo("started");
        assertThat(json.get("profile").toString()).isEqualTo("{\"id\":\"p-1\",\"primary_id\":null}");

        ObjectNode sample = (ObjectNode) MAPPER.readTree(SAMPLES.resolve("import-item.json").toFile());
        assertThat(JsonPaths.of(session.toApiJson())).containsExactlyInAnyOrderElementsOf(JsonPaths.of(sample));
    }

    @Test
    void weekdayStartsAtMonday() {
        assertThat(SessionDocument.create("s", null, Instant.parse("2024-03-25T23:59:59Z"), null).json()
                .at("/metadata/time/weekday").intValue()).isZero();
        assertThat(SessionDocument.create("s", null, Instant.parse("2024-03-31T00:00:00Z"), null).json()
                .at("/metadata/time/weekday").intValue()).isEqualTo(6);
    }

    @Test
    void profileLessSessionHasNoProfile() {
        SessionDocument session = SessionDocument.create("s-1", null, START, null);
        assertThat(session.json().get("profile").isNull()).isTrue();
        assertThat(session.profileId()).isNull();
        session.rebind(new ProfileRef("p-2", "pk-2"));
        assertThat(session.profileId()).isEqualTo("p-2");
        assertThat(session.json().at("/profile/primary_id").textValue()).isEqualTo("pk-2");
        session.rebind("p-3");
        assertThat(session.profileId()).isEqualTo("p-3");
        session.unbind();
        assertThat(session.json().get("profile").isNull()).isTrue();
    }

    @Test
    void durationGrowsFromTheStartAndNeverShrinks() {
        SessionDocument session = SessionDocument.create("s-1", "p-1", START, "Web");
        session.updateDuration(START.plusMillis(2640));
        assertThat(session.duration()).isEqualTo(2.64);
        session.updateDuration(START.plusSeconds(1));
        assertThat(session.duration()).isEqualTo(2.64);
        session.updateDuration(START.minusSeconds(10));
        assertThat(session.duration()).isEqualTo(2.64);
        session.updateDuration(START.plusSeconds(60));
        assertThat(session.duration()).isEqualTo(60.0);
        assertThat(session.ref().duration()).isEqualTo(60.0);
    }

    @Test
    void contextIsMergedKeyByKeyWithoutUtm() throws Exception {
        SessionDocument session = SessionDocument.create("s-1", "p-1", START, "Web");
        session.mergeContext(MAPPER.readTree("""
                {"time": {"local": "x", "tz": "Europe/Warsaw"}, "page": {"a": 1},
                 "utm": {"source": "news", "medium": "", "campaign": {"x": 1}}}
                """));
        assertThat(session.context().has("utm")).isFalse();
        assertThat(session.tz()).isEqualTo("Europe/Warsaw");
        assertThat(session.utm().get("source").textValue()).isEqualTo("news");
        assertThat(session.utm().get("medium").isNull()).isTrue();
        assertThat(session.utm().get("campaign").isNull()).isTrue();

        session.mergeContext(MAPPER.readTree("""
                {"time": {"tz": "UTC"}, "ids": {"ga": "g"}, "utm": {"source": "other", "medium": "email"}}
                """));
        assertThat(session.context().at("/time").toString()).isEqualTo("{\"tz\":\"UTC\"}");
        assertThat(session.context().at("/page/a").intValue()).isEqualTo(1);
        assertThat(session.context().at("/ids/ga").textValue()).isEqualTo("g");
        assertThat(session.utm().get("source").textValue()).isEqualTo("news");
        assertThat(session.utm().get("medium").textValue()).isEqualTo("email");
        assertThat(session.ref().tz()).isEqualTo("UTC");

        session.mergeContext(null);
        session.mergeContext(MAPPER.readTree("[1]"));
        assertThat(session.context().size()).isEqualTo(3);
    }

    @Test
    void propertiesAreMerged() throws Exception {
        SessionDocument session = SessionDocument.create("s-1", "p-1", START, "Web");
        session.mergeProperties(MAPPER.readTree("{\"a\": 1, \"b\": {\"c\": 2}}"));
        session.mergeProperties(MAPPER.readTree("{\"a\": 3}"));
        assertThat(session.properties().toString()).isEqualTo("{\"a\":3,\"b\":{\"c\":2}}");
    }

    @Test
    void statusAndRef() {
        SessionDocument session = SessionDocument.create("s-1", "p-1", START, "Web");
        session.setStatus(SessionDocument.Status.ACTIVE);
        assertThat(session.status()).isEqualTo("active");
        session.setStatus(SessionDocument.Status.ENDED);
        assertThat(session.status()).isEqualTo("ended");
        session.setStatus(null);
        assertThat(session.status()).isNull();
        assertThat(session.ref()).isEqualTo(new SessionRef("s-1", START, 0.0, null));
        assertThat(session.ref().toJson().toString())
                .isEqualTo("{\"id\":\"s-1\",\"start\":\"2026-11-22T12:39:33.421992+00:00\",\"duration\":0.0,\"tz\":null}");
    }

    @Test
    void ofFillsMissingPartsAndApiJsonDropsInternal() throws Exception {
        SessionDocument session = SessionDocument.of((ObjectNode) MAPPER.readTree(
                SAMPLES.resolve("minimal.json").toFile()));
        assertThat(session.profileId()).isEqualTo("p-min-1");
        assertThat(session.device().at("/geo/country").isObject()).isTrue();
        assertThat(session.copyOfPart("utm").size()).isEqualTo(5);
        session.json().putObject("internal").put("version", 2);
        assertThat(session.toApiJson().has("internal")).isFalse();
        assertThatThrownBy(() -> SessionDocument.of((ObjectNode) MAPPER.readTree("{\"id\": \"x\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionDocument.defaultPart("context")).isInstanceOf(IllegalArgumentException.class);
    }
}
