package org.opencdp.server.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencdp.server.common.JsonPaths;
import org.opencdp.server.common.json.DotPath;

class ProfileDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2024-03-27T10:00:01.020Z");
    private static final Path SAMPLES = Path.of("..", "migrations/src/test/resources/elastic/samples/profile");

    @Test
    void createHasTheFullDefaultShape() throws Exception {
        ProfileDocument profile = ProfileDocument.create("p-1", T0);
        ObjectNode json = profile.json();
        assertThat(profile.id()).isEqualTo("p-1");
        assertThat(profile.ids()).containsExactly("p-1");
        assertThat(profile.primaryId()).isNull();
        assertThat(json.at("/metadata/time/insert").textValue()).isEqualTo("2024-03-27T10:00:01.020000+00:00");
        assertThat(json.at("/metadata/time/create").textValue()).isEqualTo("2024-03-27T10:00:01.020000+00:00");
        assertThat(json.at("/metadata/time/update").textValue()).isEqualTo("2024-03-27T10:00:01.020000+00:00");
        assertThat(json.at("/metadata/time/visit/count").asLong()).isZero();
        assertThat(json.at("/data/anonymous").asBoolean()).isTrue();
        assertThat(json.at("/internal/applied_batches").isArray()).isTrue();

        // Same paths and JSON types as Tracardi's default model (the accepted sample of a new profile).
        ObjectNode sample = (ObjectNode) MAPPER.readTree(SAMPLES.resolve("default-model.json").toFile());
        assertThat(JsonPaths.of(profile.toApiJson())).containsExactlyInAnyOrderElementsOf(JsonPaths.of(sample));
    }

    @Test
    void newVisitShiftsTheVisitTimes() {
        ProfileDocument profile = ProfileDocument.create("p-1", T0);
        profile.newVisit(T0, "Europe/Warsaw");
        assertThat(profile.visitCount()).isEqualTo(1);
        assertThat(profile.visitCurrent()).contains(T0);
        assertThat(profile.visitLast()).isEmpty();
        assertThat(profile.json().at("/metadata/time/visit/last").isNull()).isTrue();
        assertThat(profile.visitTz()).isEqualTo("Europe/Warsaw");

        Instant t1 = T0.plusSeconds(86_400);
        profile.newVisit(t1, null);
        assertThat(profile.visitCount()).isEqualTo(2);
        assertThat(profile.visitLast()).contains(T0);
        assertThat(profile.visitCurrent()).contains(t1);
        assertThat(profile.visitTz()).isEqualTo("Europe/Warsaw");
        assertThat(profile.json().at("/metadata/time/visit/current").textValue()).isEqualTo("2024-03-28T10:00:01.020000+00:00");

        profile.newVisit(t1.plusSeconds(60), "UTC");
        assertThat(profile.visitCount()).isEqualTo(3);
        assertThat(profile.visitLast()).contains(t1);
        assertThat(profile.visitTz()).isEqualTo("UTC");
    }

    @Test
    void appliedBatchesKeepTheLast64() {
        ProfileDocument profile = ProfileDocument.create("p-1", T0);
        for (int i = 1; i <= 64; i++) {
            assertThat(profile.addAppliedBatch("b-" + i)).isTrue();
        }
        assertThat(profile.appliedBatches()).hasSize(64).startsWith("b-1").endsWith("b-64");
        assertThat(profile.hasAppliedBatch("b-1")).isTrue();
        assertThat(profile.addAppliedBatch("b-10")).isFalse();
        assertThat(profile.appliedBatches()).hasSize(64);

        assertThat(profile.addAppliedBatch("b-65")).isTrue();
        assertThat(profile.appliedBatches()).hasSize(64).startsWith("b-2").endsWith("b-65");
        assertThat(profile.hasAppliedBatch("b-1")).isFalse();
        assertThat(profile.hasAppliedBatch("b-65")).isTrue();
    }

    @Test
    void apiJsonDropsInternalAndEmptyMiscAndTrash() {
        ProfileDocument profile = ProfileDocument.create("p-1", T0);
        profile.addAppliedBatch("b-1");
        profile.internal().put("version", 3);
        ObjectNode api = profile.toApiJson();
        assertThat(api.has("internal")).isFalse();
        assertThat(api.has("misc")).isFalse();
        assertThat(api.has("trash")).isFalse();
        assertThat(profile.json().has("internal")).isTrue();
        assertThat(profile.json().has("misc")).isTrue();

        DotPath.set(profile.json(), "misc.note", MAPPER.getNodeFactory().textNode("x"));
        DotPath.set(profile.json(), "trash.old", MAPPER.getNodeFactory().numberNode(1));
        api = profile.toApiJson();
        assertThat(api.at("/misc/note").textValue()).isEqualTo("x");
        assertThat(api.at("/trash/old").intValue()).isEqualTo(1);
        assertThat(api.has("internal")).isFalse();
        api.put("id", "changed");
        assertThat(profile.id()).isEqualTo("p-1");
    }

    @Test
    void idsStatsAndCounters() {
        ProfileDocument profile = ProfileDocument.create("p-1", T0);
        assertThat(profile.addId("p-1")).isFalse();
        assertThat(profile.addId("emm-abc")).isTrue();
        assertThat(profile.addId(" ")).isFalse();
        assertThat(profile.ids()).containsExactly("p-1", "emm-abc");
        assertThat(profile.hasId("emm-abc")).isTrue();

        profile.setPrimaryId("customer-42");
        assertThat(profile.ref()).isEqualTo(new ProfileRef("p-1", "customer-42"));
        assertThat(profile.ref().toJson().toString()).isEqualTo("{\"id\":\"p-1\",\"primary_id\":\"customer-42\"}");

        assertThat(profile.addViews(2)).isEqualTo(2);
        assertThat(profile.addVisits(1)).isEqualTo(1);
        assertThat(profile.views()).isEqualTo(2);
        assertThat(profile.json().at("/stats/views").isIntegralNumber()).isTrue();
        assertThat(profile.addToCounter("clicks", 1)).isEqualTo(1L);
        assertThat(profile.addToCounter("clicks", 2)).isEqualTo(3L);
        assertThat(profile.addToCounter("clicks", 0.5)).isEqualTo(3.5);
        assertThat(profile.counters().get("clicks").asDouble()).isEqualTo(3.5);

        Instant later = T0.plusSeconds(5);
        profile.setUpdated(later);
        assertThat(profile.updated()).contains(later);
        assertThat(profile.inserted()).contains(T0);
    }

    @Test
    void ofFillsMissingContainersAndKeepsValues() throws Exception {
        ObjectNode stored = (ObjectNode) MAPPER.readTree("""
                {"id": "p-9", "ids": ["other"], "traits": {"a": 1}, "data": {"contact": null, "pii": {"firstname": "Jo"}},
                 "stats": {"views": 7}}
                """);
        ProfileDocument profile = ProfileDocument.of(stored);
        assertThat(profile.ids()).containsExactly("other", "p-9");
        assertThat(profile.views()).isEqualTo(7);
        assertThat(profile.json().at("/traits/a").intValue()).isEqualTo(1);
        assertThat(profile.json().at("/data/pii/firstname").textValue()).isEqualTo("Jo");
        assertThat(profile.json().at("/data/pii/lastname").isNull()).isTrue();
        assertThat(profile.json().at("/data/contact/email").isObject()).isTrue();
        assertThat(profile.json().at("/stats/counters").isObject()).isTrue();
        assertThat(profile.json().at("/data/preferences/colors").isArray()).isTrue();
        assertThat(profile.appliedBatches()).isEmpty();
        assertThatThrownBy(() -> ProfileDocument.of((ObjectNode) MAPPER.readTree("{\"id\": 5}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
