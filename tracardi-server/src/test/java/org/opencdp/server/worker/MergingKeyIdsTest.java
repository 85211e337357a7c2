package org.opencdp.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.profile.ProfileDocument;

class MergingKeyIdsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final MergingKeyIds ids = new MergingKeyIds(new HashedIds("change-me-to-a-long-random-salt"));

    @Test
    void theHashesOfTheSpecTestVectorsAreAdded() {
        ProfileDocument profile = ProfileDocument.create("p-1", Instant.parse("2026-01-01T00:00:00Z"));
        DotPath.set(profile.json(), "data.contact.email.main", NODES.textNode("anna@example.com"));
        DotPath.set(profile.json(), "data.contact.phone.mobile", NODES.textNode("+48600100200"));
        assertThat(ids.apply(profile)).isTrue();
        assertThat(profile.ids()).containsExactlyInAnyOrder("p-1", "emm-f6398abe-4297-6047-d168-bd6dde307bd0",
                "pho-58fcc269-6f91-566a-deb2-654038b4fbed");
        assertThat(ids.apply(profile)).as("nothing new the second time").isFalse();
    }

    @Test
    void valuesAreTrimmedAndLowerCasedBeforeHashing() {
        ProfileDocument profile = ProfileDocument.create("p-2", Instant.parse("2026-01-01T00:00:00Z"));
        DotPath.set(profile.json(), "data.contact.email.main", NODES.textNode("  Anna@Example.COM "));
        ids.apply(profile);
        assertThat(profile.ids()).contains("emm-f6398abe-4297-6047-d168-bd6dde307bd0");
    }

    @Test
    void aChangedValueKeepsTheOldHashAndBlankOrMissingValuesAddNothing() {
        ProfileDocument profile = ProfileDocument.create("p-3", Instant.parse("2026-01-01T00:00:00Z"));
        DotPath.set(profile.json(), "data.contact.email.main", NODES.textNode("anna@example.com"));
        ids.apply(profile);
        DotPath.set(profile.json(), "data.contact.email.main", NODES.textNode("   "));
        assertThat(ids.apply(profile)).isFalse();
        DotPath.set(profile.json(), "data.contact.email.main", NODES.textNode("other@example.com"));
        assertThat(ids.apply(profile)).isTrue();
        assertThat(profile.ids()).hasSize(3).contains("emm-f6398abe-4297-6047-d168-bd6dde307bd0");
        assertThat(profile.ids()).filteredOn(id -> id.startsWith("emm-")).hasSize(2);
    }

    @Test
    void switchedOffNothingIsAdded() {
        ProfileDocument profile = ProfileDocument.create("p-4", Instant.parse("2026-01-01T00:00:00Z"));
        DotPath.set(profile.json(), "data.contact.email.main", NODES.textNode("anna@example.com"));
        assertThat(MergingKeyIds.OFF.apply(profile)).isFalse();
        assertThat(profile.ids()).containsExactly("p-4");
    }
}
