package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugins.segments.AddSegmentAction;
import org.opencdp.server.workflow.plugins.segments.DeleteSegmentAction;
import org.opencdp.server.workflow.plugins.segments.HasSegmentAction;
import org.opencdp.server.workflow.plugins.segments.MoveSegmentAction;
import org.opencdp.server.workflow.plugins.segments.ProfileSegmentAction;

/** Segment actions of workflows §8 with the slugs of §10. */
class SegmentPluginsTest {

    private final FlowHarness harness = new FlowHarness();

    @Test
    void addSegmentAddsTheSlugOnceAndStampsTheTime() throws Exception {
        harness.run(new AddSegmentAction(), "{\"segment\": \"Test segment\"}");
        FlowHarness.Run run = harness.run(new AddSegmentAction(), "{\"segment\": \"test segment\"}");
        assertThat(run.profile().path("segments").toString()).isEqualTo("[\"test-segment\"]");
        assertThat(run.profile().path("metadata").path("time").path("segmentation").asText()).startsWith("2026-12-01T10:00:00");
        harness.properties("{\"seg\": \"Big Spender\"}");
        harness.run(new AddSegmentAction(), "{\"segment\": \"event@properties.seg\"}");
        assertThat(harness.profile.path("segments").toString()).isEqualTo("[\"test-segment\",\"big-spender\"]");
        FlowHarness.Run bad = harness.run(new AddSegmentAction(), "{\"segment\": \"event@properties\"}");
        assertThat(bad.ports()).containsExactly("error");
    }

    @Test
    void deleteMoveAndHasSegment() throws Exception {
        harness.profile.putArray("segments").add("a").add("b");
        harness.run(new DeleteSegmentAction(), "{\"segment\": \"A\"}");
        assertThat(harness.profile.path("segments").toString()).isEqualTo("[\"b\"]");
        harness.run(new MoveSegmentAction(), "{\"from_segment\": \"b\", \"to_segment\": \"New one\"}");
        assertThat(harness.profile.path("segments").toString()).isEqualTo("[\"new-one\"]");
        assertThat(harness.run(new HasSegmentAction(), "{\"segment\": \"New one\"}").ports()).containsExactly("True");
        assertThat(harness.run(new HasSegmentAction(), "{\"segment\": \"b\"}").ports()).containsExactly("False");
        assertThatThrownBy(() -> harness.compileOnly(new HasSegmentAction(), "{\"segment\": \"\"}"))
                .isInstanceOf(FlowCompileException.class);
    }

    @Test
    void conditionalSegmentationAppliesTheBranchTaken() throws Exception {
        ProfileSegmentAction plugin = new ProfileSegmentAction((condition, context) -> {
            if (condition.equals("boom")) {
                throw new IllegalArgumentException("cannot evaluate");
            }
            return condition.equals("yes");
        });
        harness.profile.putArray("segments").add("lost");
        String init = "{\"condition\": \"%s\", \"true_segment\": \"Loyal\", \"true_action\": \"add\", \"false_segment\": \"loyal\","
                + " \"false_action\": \"remove\"}";
        FlowHarness.Run yes = harness.run(plugin, init.formatted("yes"));
        assertThat(yes.ports()).containsExactly("true");
        assertThat(harness.profile.path("segments").toString()).isEqualTo("[\"lost\",\"loyal\"]");
        assertThat(harness.run(plugin, init.formatted("no")).ports()).containsExactly("false");
        assertThat(harness.profile.path("segments").toString()).isEqualTo("[\"lost\"]");
        FlowHarness.Run error = harness.run(plugin, init.formatted("boom"));
        assertThat(error.on("error").path("message").asText()).contains("cannot evaluate");
        assertThatThrownBy(() -> harness.compileOnly(plugin, "{\"condition\": \"yes\", \"true_action\": \"toggle\"}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("true_action");
    }
}
