package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.BatchWorkflowState;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugin.InMemoryPluginMemory;
import org.opencdp.server.workflow.plugins.operations.DiscardProfileUpdateAction;
import org.opencdp.server.workflow.plugins.operations.MergeProfilesAction;
import org.opencdp.server.workflow.plugins.operations.UpdateSessionAction;
import org.opencdp.server.workflow.plugins.operations.ValueThresholdAction;
import org.opencdp.server.workflow.plugins.traits.DeleteTraitAction;

/** Delete data and the operations actions of workflows §8. */
class OperationsPluginsTest {

    private final FlowHarness harness = new FlowHarness();

    @Test
    void deleteDataRemovesPathsIgnoresMissingOnesAndRefusesTheEvent() throws Exception {
        harness.profile.withObject("traits").put("x", 1).put("y", 2);
        harness.properties("{\"keep\": true}");
        FlowHarness.Run run = harness.run(new DeleteTraitAction(),
                "{\"delete\": [\"profile@traits.x\", \"profile@traits.none.deeper\", \"event@properties.keep\", \"payload@a\"]}", "{\"a\": 1, \"b\": 2}");
        assertThat(run.result().ok()).as(run.result().error()).isTrue();
        assertThat(run.profile().path("traits").toString()).isEqualTo("{\"y\":2}");
        assertThat(run.event().path("properties").path("keep").asBoolean()).isTrue();
        assertThat(run.on("payload").toString()).isEqualTo("{\"b\":2}");
        assertThat(run.event().path("metadata").path("warning").asBoolean()).isTrue();
        assertThatThrownBy(() -> harness.compileOnly(new DeleteTraitAction(), "{\"delete\": [\"traits.x\"]}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("not a dot reference");
    }

    @Test
    void discardProfileUpdateRestoresTheSnapshot() throws Exception {
        BatchWorkflowState state = new BatchWorkflowState(harness.profile, harness.session, false, false, false, false, FlowHarness.CLOCK);
        state.profile().withObject("traits").put("changed", true);
        FlowHarness.Run run = harness.run(new DiscardProfileUpdateAction(), null, "{\"a\": 1}", state);
        assertThat(run.profile().path("traits").has("changed")).isFalse();
        assertThat(run.ports()).containsExactly("payload");
        assertThat(state.profileChanged()).isFalse();
    }

    @Test
    void updateSessionForcesTheSessionSave() throws Exception {
        FlowHarness.Run run = harness.run(new UpdateSessionAction(), null);
        assertThat(run.state().sessionSaveRequested()).isTrue();
        assertThat(run.ports()).isEmpty();
    }

    @Test
    void mergeProfilesRequestsAMergeOrRefusesBadKeys() throws Exception {
        FlowHarness.Run run = harness.run(new MergeProfilesAction(), "{\"mergeBy\": [\"profile@data.contact.email.main\"]}");
        assertThat(run.state().mergeRequests()).containsExactly(java.util.List.of("profile@data.contact.email.main"));
        assertThat(run.ports()).containsExactly("payload");

        FlowHarness.Run empty = harness.run(new MergeProfilesAction(), "{\"mergeBy\": []}");
        assertThat(empty.ports()).containsExactly("error");
        assertThat(empty.state().mergeRequests()).isEmpty();
        FlowHarness.Run event = harness.run(new MergeProfilesAction(), "{\"mergeBy\": [\"event@properties.email\"]}");
        assertThat(event.on("error").path("message").asText()).contains("event@properties.email");

        FlowHarness.Run profileLess = new FlowHarness().profileLess().run(new MergeProfilesAction(), null);
        assertThat(profileLess.state().mergeRequests()).isEmpty();
        assertThat(profileLess.state().console()).anySatisfy(entry -> assertThat(entry.type()).isEqualTo("warning"));
    }

    @Test
    void valueThresholdPassesOnlyWhenTheValueChanges() throws Exception {
        ValueThresholdAction plugin = new ValueThresholdAction(new InMemoryPluginMemory(FlowHarness.CLOCK));
        String init = "{\"name\": \"tier\", \"value\": \"profile@traits.tier\", \"ttl\": 60}";
        harness.profile.withObject("traits").put("tier", "gold");
        assertThat(harness.run(plugin, init).ports()).containsExactly("pass");
        assertThat(harness.run(plugin, init).ports()).containsExactly("stop");
        harness.profile.withObject("traits").put("tier", "silver");
        assertThat(harness.run(plugin, init).ports()).containsExactly("pass");
        assertThatThrownBy(() -> harness.compileOnly(plugin, "{\"value\": \"\"}")).isInstanceOf(FlowCompileException.class)
                .hasMessageContaining("value must not be empty");
    }
}
