package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugins.counters.DecrementAction;
import org.opencdp.server.workflow.plugins.counters.IncrementAction;
import org.opencdp.server.workflow.plugins.interests.AddInterestAction;
import org.opencdp.server.workflow.plugins.interests.DecreaseInterestAction;
import org.opencdp.server.workflow.plugins.interests.IncreaseInterestAction;

/** Counter and interest actions of workflows §8. */
class CountersAndInterestsTest {

    private final FlowHarness harness = new FlowHarness();

    @Test
    void incrementStartsAtZeroAndKeepsWholeNumbers() throws Exception {
        FlowHarness.Run run = harness.run(new IncrementAction(), "{\"field\": \"profile@stats.counters.x\", \"increment\": 2}");
        assertThat(run.profile().path("stats").path("counters").path("x").toString()).isEqualTo("2");
        harness.run(new IncrementAction(), "{\"field\": \"profile@stats.counters.x\", \"increment\": \"0.5\"}");
        assertThat(harness.profile.path("stats").path("counters").path("x").asDouble()).isEqualTo(2.5);
        harness.run(new DecrementAction(), "{\"field\": \"profile@stats.counters.x\", \"decrement\": 3.5}");
        assertThat(harness.profile.path("stats").path("counters").path("x").toString()).isEqualTo("-1");
    }

    @Test
    void aFieldThatIsNotANumberGoesToError() throws Exception {
        harness.profile.withObject("traits").put("x", "abc");
        FlowHarness.Run run = harness.run(new IncrementAction(), "{\"field\": \"profile@traits.x\"}");
        assertThat(run.ports()).containsExactly("error");
        assertThat(run.profile().path("traits").path("x").asText()).isEqualTo("abc");
        assertThatThrownBy(() -> harness.compileOnly(new IncrementAction(), "{\"field\": \"x\"}"))
                .isInstanceOf(FlowCompileException.class);
        assertThatThrownBy(() -> harness.compileOnly(new IncrementAction(), "{\"field\": \"profile@stats.counters.x\", \"increment\": \"lots\"}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("increment must be a number");
    }

    @Test
    void addInterestSetsOnlyMissingInterests() throws Exception {
        harness.profile.withObject("interests").put("sport", 5);
        harness.properties("{\"topics\": [\"sport\", \"music\"]}");
        FlowHarness.Run run = harness.run(new AddInterestAction(), "{\"interest\": \"event@properties.topics\", \"value\": \"1.5\"}");
        assertThat(run.profile().path("interests").toString()).isEqualTo("{\"sport\":5,\"music\":1.5}");
    }

    @Test
    void increaseAndDecreaseInterest() throws Exception {
        harness.run(new IncreaseInterestAction(), "{\"interest\": \"sport\", \"value\": \"2\"}");
        harness.run(new IncreaseInterestAction(), "{\"interest\": \"sport\", \"value\": 1}");
        harness.run(new DecreaseInterestAction(), "{\"interest\": \"music\", \"value\": \"1\"}");
        assertThat(harness.profile.path("interests").toString()).isEqualTo("{\"sport\":3,\"music\":-1}");
    }

    @Test
    void aBadInterestNameOrValueGoesToError() throws Exception {
        FlowHarness.Run name = harness.run(new IncreaseInterestAction(), "{\"interest\": \"two words\", \"value\": \"1\"}");
        assertThat(name.on("error").path("message").asText()).contains("two words");
        FlowHarness.Run value = harness.run(new IncreaseInterestAction(), "{\"interest\": \"sport\", \"value\": \"much\"}");
        assertThat(value.ports()).containsExactly("error");
        assertThat(harness.profile.path("interests").size()).isZero();
    }
}
