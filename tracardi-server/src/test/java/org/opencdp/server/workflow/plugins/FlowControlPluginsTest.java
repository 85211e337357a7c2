package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugins.flow.LogAction;
import org.opencdp.server.workflow.plugins.flow.NewProfileAction;
import org.opencdp.server.workflow.plugins.flow.NewVisitAction;
import org.opencdp.server.workflow.plugins.flow.PropertyExistsAction;
import org.opencdp.server.workflow.plugins.flow.RaiseErrorAction;

/** Data exists, new visit/profile, Log message and Throw error (workflows §8). */
class FlowControlPluginsTest {

    private final FlowHarness harness = new FlowHarness();

    @Test
    void dataExistsNeedsANonEmptyValue() throws Exception {
        PropertyExistsAction plugin = new PropertyExistsAction();
        assertThat(harness.run(plugin, null).ports()).containsExactly("false");
        harness.profile.with("data").with("contact").with("email").put("main", "a@b.c");
        assertThat(harness.run(plugin, null).ports()).containsExactly("true");
        harness.properties("{\"empty\": \"\", \"list\": [], \"zero\": 0}");
        assertThat(harness.run(plugin, "{\"property\": \"event@properties.empty\"}").ports()).containsExactly("false");
        assertThat(harness.run(plugin, "{\"property\": \"event@properties.list\"}").ports()).containsExactly("false");
        assertThat(harness.run(plugin, "{\"property\": \"event@properties.zero\"}").ports()).containsExactly("true");
        assertThatThrownBy(() -> harness.compileOnly(plugin, "{\"property\": \"nope\"}")).isInstanceOf(FlowCompileException.class);
    }

    @Test
    void newVisitAndNewProfile() throws Exception {
        assertThat(harness.run(new NewVisitAction(), null).ports()).containsExactly("false");
        assertThat(harness.run(new NewProfileAction(), null).ports()).containsExactly("false");
        harness.newVisit = true;
        harness.newProfile = true;
        assertThat(harness.run(new NewVisitAction(), null).ports()).containsExactly("true");
        assertThat(harness.run(new NewProfileAction(), null).ports()).containsExactly("true");
    }

    @Test
    void logMessageWritesToTheConsole() throws Exception {
        FlowHarness.Run run = harness.run(new LogAction(), "{\"type\": \"error\", \"message\": \"Profile {{profile@id}} failed\"}");
        assertThat(run.state().console()).anySatisfy(entry -> {
            assertThat(entry.type()).isEqualTo("error");
            assertThat(entry.message()).isEqualTo("Profile profile-1 failed");
        });
        assertThat(run.event().path("metadata").path("error").asBoolean()).isTrue();
        assertThat(run.ports()).containsExactly("payload");
        assertThatThrownBy(() -> harness.compileOnly(new LogAction(), "{\"type\": \"loud\"}")).isInstanceOf(FlowCompileException.class);
    }

    @Test
    void throwErrorStopsTheFlowWithTheMessage() throws Exception {
        FlowHarness.Run run = harness.run(new RaiseErrorAction(), "{\"message\": \"Stop here\"}");
        assertThat(run.result().ok()).isFalse();
        assertThat(run.result().error()).isEqualTo("Stop here");
        assertThat(run.event().path("metadata").path("error").asBoolean()).isTrue();
    }
}
