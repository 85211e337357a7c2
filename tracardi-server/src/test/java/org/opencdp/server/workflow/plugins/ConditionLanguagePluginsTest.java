package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.ConditionLanguageEvaluator;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugin.InMemoryPluginMemory;
import org.opencdp.server.workflow.plugins.flow.IfAction;
import org.opencdp.server.workflow.plugins.segments.ProfileSegmentAction;

/** If and Conditional segmentation on the real condition language (workflows §9). */
class ConditionLanguagePluginsTest {

    private final FlowHarness harness = new FlowHarness();
    private final ConditionLanguageEvaluator conditions = new ConditionLanguageEvaluator(FlowHarness.CLOCK);

    @Test
    void ifEvaluatesProfileEventAndPayloadFields() throws Exception {
        IfAction plugin = new IfAction(conditions, new InMemoryPluginMemory(FlowHarness.CLOCK));
        harness.profile.withObject("stats").put("views", 5);
        harness.properties("{\"price\": 49.5}");
        String init = "{\"condition\": \"profile@stats.views > 3 AND event@properties.price BETWEEN 10 AND 50 AND payload@tier == \\\"gold\\\"\"}";
        assertThat(harness.run(plugin, init, "{\"tier\": \"gold\"}").ports()).containsExactly("true");
        assertThat(harness.run(plugin, init, "{\"tier\": \"silver\"}").ports()).containsExactly("false");
        assertThatThrownBy(() -> harness.compileOnly(plugin, "{\"condition\": \"profile@a > 1 AND profile@b > 1 OR profile@c > 1\"}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("condition:");
    }

    @Test
    void conditionalSegmentationOnTheRealLanguage() throws Exception {
        harness.profile.withObject("stats").put("views", 1);
        FlowHarness.Run run = harness.run(new ProfileSegmentAction(conditions),
                "{\"condition\": \"profile@stats.views>0\", \"true_segment\": \"Test segment\", \"true_action\": \"add\"}");
        assertThat(run.ports()).containsExactly("true");
        assertThat(run.profile().path("segments").toString()).isEqualTo("[\"test-segment\"]");
    }
}
