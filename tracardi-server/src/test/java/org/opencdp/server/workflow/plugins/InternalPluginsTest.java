package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugin.EventHistory;
import org.opencdp.server.workflow.plugins.internal.AddEmptyProfileAction;
import org.opencdp.server.workflow.plugins.internal.AddEmptySessionAction;
import org.opencdp.server.workflow.plugins.internal.InjectProfileByField;
import org.opencdp.server.workflow.plugins.internal.PreviousEventGetter;

/** Load profile by field, Create empty profile/session and Get previous event (workflows §8), with fake stores. */
class InternalPluginsTest {

    private final FlowHarness harness = new FlowHarness();

    @Test
    void loadProfileByFieldReplacesTheProfile() throws Exception {
        ObjectNode stored = ProfileDocument.create("stored-1", FlowHarness.CLOCK.instant()).json();
        stored.with("data").with("contact").with("email").put("main", "a@b.c");
        List<String> asked = new ArrayList<>();
        Versioned<ObjectNode> read = new Versioned<>("stored-1", "profiles", stored, 7, 1);
        InjectProfileByField plugin = new InjectProfileByField((scope, field, value, limit) -> {
            asked.add(field + "=" + value.asText() + "/" + limit);
            return value.asText().equals("a@b.c") ? List.of(read) : List.of();
        });
        harness.properties("{\"email\": \"a@b.c\"}");
        FlowHarness.Run run = harness.run(plugin, null);
        assertThat(asked).containsExactly("data.contact.email.main=a@b.c/2");
        assertThat(run.ports()).containsExactly("profile");
        assertThat(run.on("profile").path("id").asText()).isEqualTo("stored-1");
        assertThat(run.state().profile().path("id").asText()).isEqualTo("stored-1");
        assertThat(run.state().profileReplaced()).isTrue();
        // The worker saves the loaded profile conditionally on the version it was read at.
        assertThat(run.state().replacementStored()).isSameAs(read);
        assertThat(run.event().path("profile").path("id").asText()).isEqualTo("stored-1");

        harness.properties("{\"email\": \"x@y.z\"}");
        FlowHarness.Run none = new FlowHarness().properties("{\"email\": \"x@y.z\"}").run(plugin, null);
        assertThat(none.on("error").path("message").asText()).contains("Found 0 profiles");
        InjectProfileByField ambiguous = new InjectProfileByField((scope, field, value, limit) -> List.of(read, read));
        assertThat(new FlowHarness().properties("{\"email\": 1}").run(ambiguous, null).ports()).containsExactly("error");
        assertThatThrownBy(() -> harness.compileOnly(plugin, "{\"field\": \"profile@id\", \"value\": \"x\"}"))
                .isInstanceOf(FlowCompileException.class);
    }

    @Test
    void createEmptyProfileGivesAProfileLessEventAProfileAndSession() throws Exception {
        FlowHarness profileLess = new FlowHarness().profileLess();
        profileLess.session = null;
        FlowHarness.Run run = profileLess.run(new AddEmptyProfileAction(), null);
        assertThat(run.result().ok()).as(run.result().error()).isTrue();
        String profileId = run.state().profile().path("id").asText();
        assertThat(profileId).hasSize(36);
        assertThat(run.event().path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(run.event().path("metadata").path("profile_less").asBoolean()).isFalse();
        assertThat(run.state().session().path("profile").path("id").asText()).isEqualTo(profileId);
        assertThat(run.event().path("session").path("id").asText()).isEqualTo(run.state().session().path("id").asText());
        assertThat(run.state().profileSaveRequested()).isTrue();

        FlowHarness.Run existing = harness.run(new AddEmptyProfileAction(), null);
        assertThat(existing.state().profile().path("id").asText()).isEqualTo("profile-1");
        assertThat(existing.state().console()).anySatisfy(entry -> assertThat(entry.type()).isEqualTo("warning"));
    }

    @Test
    void createEmptySessionBindsItToTheProfile() throws Exception {
        harness.session = null;
        FlowHarness.Run run = harness.run(new AddEmptySessionAction(), null);
        assertThat(run.state().session().path("profile").path("id").asText()).isEqualTo("profile-1");
        assertThat(run.state().sessionReplaced()).isTrue();
        assertThat(run.state().sessionSaveRequested()).isTrue();
    }

    @Test
    void getPreviousEventAsksTheHistory() throws Exception {
        List<String> asked = new ArrayList<>();
        EventHistory history = (scope, profileId, type, n, current) -> {
            asked.add(profileId + "/" + type + "/" + n + "/" + current);
            return n == 1 ? Optional.of(FlowHarness.JSON.createObjectNode().put("id", "older")) : Optional.empty();
        };
        FlowHarness.Run found = harness.run(new PreviousEventGetter(history), null);
        assertThat(found.on("found").path("id").asText()).isEqualTo("older");
        FlowHarness.Run notFound = harness.run(new PreviousEventGetter(history), "{\"event_type\": {\"id\": \"purchase\"}, \"offset\": -3}", "{\"a\": 1}");
        assertThat(notFound.on("not_found").toString()).isEqualTo("{\"a\":1}");
        assertThat(asked).containsExactly("profile-1/page-view/1/event-1", "profile-1/purchase/3/event-1");
        assertThatThrownBy(() -> harness.compileOnly(new PreviousEventGetter(history), "{\"event_type\": \"x\", \"offset\": -11}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("offset");
    }
}
