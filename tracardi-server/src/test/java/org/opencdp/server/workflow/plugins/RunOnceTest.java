package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.RunOnceGate;
import org.opencdp.server.workflow.plugin.InMemoryPluginMemory;
import org.opencdp.server.workflow.plugins.flow.NewVisitAction;

/** A node's {@code run_once} (workflows §2): it runs only when the watched value or condition result changed. */
class RunOnceTest {

    private final FlowHarness harness = new FlowHarness();
    private final InMemoryPluginMemory memory = new InMemoryPluginMemory(FlowHarness.CLOCK);

    @Test
    void aValueRunOnceRunsTheNodeWhenTheValueChanges() throws Exception {
        harness.gate = new RunOnceGate((condition, context) -> false, memory);
        harness.runOnce = "{\"enabled\": true, \"type\": \"value\", \"value\": \"profile@traits.tier\", \"ttl\": 0}";
        assertThat(harness.run(new NewVisitAction(), null).ports()).containsExactly("false");
        assertThat(harness.run(new NewVisitAction(), null).ports()).isEmpty();
        harness.profile.withObject("traits").put("tier", "gold");
        assertThat(harness.run(new NewVisitAction(), null).ports()).containsExactly("false");
        assertThat(harness.run(new NewVisitAction(), null).ports()).isEmpty();
    }

    @Test
    void aConditionRunOnceWatchesTheResult() throws Exception {
        harness.gate = new RunOnceGate((condition, context) -> context.profile().path("stats").path("views").asInt() > 1, memory);
        harness.runOnce = "{\"enabled\": true, \"type\": \"condition\", \"value\": \"views > 1\", \"ttl\": 0}";
        assertThat(harness.run(new NewVisitAction(), null).ports()).containsExactly("false");
        assertThat(harness.run(new NewVisitAction(), null).ports()).isEmpty();
        harness.profile.withObject("stats").put("views", 2);
        assertThat(harness.run(new NewVisitAction(), null).ports()).containsExactly("false");
    }

    @Test
    void aDisabledRunOnceNeedsNoServicesAndAnEnabledOneFailsClearlyWithout() throws Exception {
        harness.runOnce = "{\"enabled\": false, \"type\": \"value\", \"value\": \"\", \"ttl\": 0}";
        assertThat(harness.run(new NewVisitAction(), null).ports()).containsExactly("false");
        harness.runOnce = "{\"enabled\": true, \"type\": \"value\", \"value\": \"profile@id\", \"ttl\": 0}";
        assertThat(harness.run(new NewVisitAction(), null).result().error()).contains("Plugin memory (Redis) is not available");
    }
}
