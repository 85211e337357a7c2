package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugin.ConditionEvaluator;
import org.opencdp.server.workflow.plugin.InMemoryPluginMemory;
import org.opencdp.server.workflow.plugins.flow.IfAction;

/** If (workflows §8) with a stand-in condition evaluator: "views > N" on profile.stats.views. */
class IfActionTest {

    private final FlowHarness harness = new FlowHarness();
    private final InMemoryPluginMemory memory = new InMemoryPluginMemory(FlowHarness.CLOCK);
    private final ConditionEvaluator viewsAbove = new ConditionEvaluator() {
        @Override
        public boolean test(String condition, org.opencdp.server.workflow.plugin.NodeContext context) {
            return context.profile().path("stats").path("views").asLong() > Long.parseLong(condition.replace("views >", "").trim());
        }

        @Override
        public void validate(String condition) {
            if (!condition.startsWith("views >")) {
                throw new IllegalArgumentException("syntax error in '" + condition + "'");
            }
        }
    };
    private final IfAction plugin = new IfAction(viewsAbove, memory);

    @Test
    void theInputGoesToTheMatchingPort() throws Exception {
        harness.profile.withObject("stats").put("views", 5);
        FlowHarness.Run run = harness.run(plugin, "{\"condition\": \"views > 3\"}", "{\"a\": 1}");
        assertThat(run.ports()).containsExactly("true");
        assertThat(run.on("true").toString()).isEqualTo("{\"a\":1}");
        assertThat(harness.run(plugin, "{\"condition\": \"views > 9\"}", "{\"a\": 1}").ports()).containsExactly("false");
    }

    @Test
    void withoutPassPayloadTheResultIsEmitted() throws Exception {
        FlowHarness.Run run = harness.run(plugin, "{\"condition\": \"views > 3\", \"pass_payload\": false}", "{\"a\": 1}");
        assertThat(run.on("false").toString()).isEqualTo("{\"result\":false}");
    }

    @Test
    void triggerOnceEmitsOnlyWhenTheResultChanges() throws Exception {
        String init = "{\"condition\": \"views > 3\", \"trigger_once\": true, \"ttl\": 0}";
        assertThat(harness.run(plugin, init).ports()).containsExactly("false");
        assertThat(harness.run(plugin, init).ports()).isEmpty();
        harness.profile.withObject("stats").put("views", 4);
        assertThat(harness.run(plugin, init).ports()).containsExactly("true");
        assertThat(harness.run(plugin, init).ports()).isEmpty();
        assertThat(memory.get("value-threshold:flow-1:node-under-test:profile-1")).contains("true");
    }

    @Test
    void anEmptyConditionIsANodeErrorAndABadOneDoesNotCompile() throws Exception {
        FlowHarness.Run run = harness.run(plugin, "{\"condition\": \"\"}");
        assertThat(run.result().ok()).isFalse();
        assertThat(run.result().error()).contains("Condition is not set");
        assertThatThrownBy(() -> harness.compileOnly(plugin, "{\"condition\": \"a ==\"}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("syntax error");
    }

    @Test
    void withoutTheConditionLanguageTheNodeFails() throws Exception {
        FlowHarness.Run run = harness.run(new IfAction(ConditionEvaluator.unavailable(), memory), "{\"condition\": \"x\"}");
        assertThat(run.result().error()).contains("condition language is not available");
    }
}
