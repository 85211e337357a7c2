package org.opencdp.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.workflow.engine.BatchWorkflowState;
import org.opencdp.server.workflow.engine.CompiledFlow;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.engine.FlowCompiler;
import org.opencdp.server.workflow.engine.FlowExecutor;
import org.opencdp.server.workflow.engine.FlowRunResult;
import org.opencdp.server.workflow.engine.PluginRegistry;
import org.opencdp.server.workflow.plugins.core.CorePlugins;

/** The engine on Tracardi's own flow JSON (workflows §2, §3, §7), without any backend. */
class FlowEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private final FlowCompiler compiler = new FlowCompiler(new PluginRegistry(CorePlugins.all()));
    private final FlowExecutor executor = new FlowExecutor(FlowExecutor.Budget.DEFAULT);

    static JsonNode fixture(String name) throws Exception {
        return JSON.readTree(org.opencdp.server.testing.TracardiFlows.read(name).replace("{FLOW_ID}", "flow-1")
                .replace("{FLOW_ID_1}", "flow-a").replace("{FLOW_ID_2}", "flow-b"));
    }

    static ObjectNode profile() {
        return ProfileDocument.create("profile-1", CLOCK.instant()).json();
    }

    static ObjectNode event(String type, String properties) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("id", "event-1").put("type", type);
        event.set("properties", JSON.readTree(properties));
        event.putObject("metadata");
        return event;
    }

    @Test
    void startIncreaseViewsEndCountsOneView() throws Exception {
        CompiledFlow flow = compiler.compile(fixture("flow_start_increase_views_end.json"));
        BatchWorkflowState state = new BatchWorkflowState(profile(), JSON.createObjectNode(), true, true, true, false, CLOCK);
        FlowRunResult result = executor.run(flow, event("page-view", "{}"), state, false);
        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(state.profile().path("stats").path("views").asLong()).isEqualTo(1);
        assertThat(state.profileChanged()).isTrue();
    }

    @Test
    void updateProfileForcesTheSaveAndStampsTheTime() throws Exception {
        CompiledFlow flow = compiler.compile(fixture("flow_e2e_start_increase_views_update_profile.json"));
        BatchWorkflowState state = new BatchWorkflowState(profile(), null, false, false, false, false, CLOCK);
        assertThat(executor.run(flow, event("page-view", "{}"), state, false).ok()).isTrue();
        assertThat(state.profileSaveRequested()).isTrue();
        assertThat(state.profile().path("metadata").path("time").path("update").asText()).startsWith("2026-12-01T10:00:00");
    }

    @Test
    void twoOverrideFlowsGiveTheUpstreamExpectation() throws Exception {
        CompiledFlow first = compiler.compile(fixture("flow_override_1.json"));
        CompiledFlow second = compiler.compile(fixture("flow_override_2.json"));
        BatchWorkflowState state = new BatchWorkflowState(profile(), JSON.createObjectNode(), true, true, true, false, CLOCK);
        ObjectNode event = event("override", "{\"a\": 1, \"b\": 2}");
        assertThat(executor.run(first, event, state, false).ok()).isTrue();
        assertThat(executor.run(second, event, state, false).ok()).isTrue();
        JsonNode profile = state.profile();
        assertThat(profile.path("stats").path("views").asLong()).isEqualTo(2);
        assertThat(profile.path("stats").path("visits").asLong()).isEqualTo(1);
        assertThat(profile.path("traits").path("a").asInt()).isEqualTo(2);
        assertThat(profile.path("traits").path("b").toString()).isEqualTo("[1,2]");
    }

    @Test
    void increaseVisitsCountsOnlyANewVisit() throws Exception {
        CompiledFlow second = compiler.compile(fixture("flow_override_2.json"));
        BatchWorkflowState state = new BatchWorkflowState(profile(), JSON.createObjectNode(), false, false, false, false, CLOCK);
        executor.run(second, event("override", "{\"a\": 1, \"b\": 2}"), state, false);
        assertThat(state.profile().path("stats").path("visits").asLong()).isZero();
    }

    @Test
    void aMissingReferenceStopsTheFlowAndMarksTheEvent() throws Exception {
        CompiledFlow flow = compiler.compile(fixture("flow_override_1.json"));
        BatchWorkflowState state = new BatchWorkflowState(profile(), JSON.createObjectNode(), true, true, true, false, CLOCK);
        ObjectNode event = event("override", "{}");
        FlowRunResult result = executor.run(flow, event, state, false);
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("event@properties.a");
        assertThat(event.path("metadata").path("error").asBoolean()).isTrue();
        assertThat(state.console()).anySatisfy(entry -> assertThat(entry.type()).isEqualTo("error"));
    }

    @Test
    void startFiltersByEventType() throws Exception {
        ObjectNode flowJson = (ObjectNode) fixture("flow_start_increase_views_end.json");
        ObjectNode start = (ObjectNode) flowJson.path("flowGraph").path("nodes").get(0).path("data").path("spec");
        start.set("init", JSON.readTree("{\"event_types\": [{\"id\": \"purchase\", \"name\": \"Purchase\"}]}"));
        CompiledFlow flow = compiler.compile(flowJson);
        BatchWorkflowState state = new BatchWorkflowState(profile(), null, false, false, false, false, CLOCK);
        executor.run(flow, event("page-view", "{}"), state, false);
        assertThat(state.profile().path("stats").path("views").asLong()).isZero();
        executor.run(flow, event("purchase", "{}"), state, false);
        assertThat(state.profile().path("stats").path("views").asLong()).isEqualTo(1);
    }

    @Test
    void compileErrorsNameTheNode() throws Exception {
        ObjectNode unknown = (ObjectNode) fixture("flow_start_increase_views_end.json");
        ((ObjectNode) unknown.path("flowGraph").path("nodes").get(1).path("data").path("spec")).put("className", "NoSuchAction");
        assertThatThrownBy(() -> compiler.compile(unknown)).isInstanceOf(FlowCompileException.class)
                .hasMessageContaining("No plugin for id").extracting(e -> ((FlowCompileException) e).nodeId())
                .asString().startsWith("fb55b47e");

        ObjectNode cycle = (ObjectNode) fixture("flow_start_increase_views_end.json");
        ((ObjectNode) cycle.path("flowGraph").path("nodes").get(2).path("data").path("spec")).putArray("outputs").add("payload");
        cycle.withArray("/flowGraph/edges").addObject().put("id", "back").put("source", cycle.path("flowGraph").path("nodes").get(2).path("id").asText())
                .put("sourceHandle", "payload").put("target", cycle.path("flowGraph").path("nodes").get(1).path("id").asText())
                .put("targetHandle", "payload");
        assertThatThrownBy(() -> compiler.compile(cycle)).isInstanceOf(FlowCompileException.class).hasMessageContaining("cycle");

        ObjectNode dangling = (ObjectNode) fixture("flow_start_increase_views_end.json");
        dangling.withArray("/flowGraph/edges").addObject().put("id", "x").put("source", "nowhere").put("sourceHandle", "payload")
                .put("target", "fb55b47e").put("targetHandle", "payload");
        assertThatThrownBy(() -> compiler.compile(dangling)).isInstanceOf(FlowCompileException.class)
                .hasMessageContaining("missing node nowhere");
    }

    @Test
    void theNodeRunBudgetStopsARunawayFlow() throws Exception {
        FlowExecutor tight = new FlowExecutor(new FlowExecutor.Budget(2, Duration.ofSeconds(10)));
        CompiledFlow flow = compiler.compile(fixture("flow_override_1.json"));
        BatchWorkflowState state = new BatchWorkflowState(profile(), null, false, false, false, false, CLOCK);
        FlowRunResult result = tight.run(flow, event("override", "{\"a\": 1}"), state, false);
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("node runs");
    }

    @Test
    void aProfileLessEventKeepsFlowsRunningWithWarnings() throws Exception {
        CompiledFlow flow = compiler.compile(fixture("flow_override_1.json"));
        BatchWorkflowState state = new BatchWorkflowState(null, null, false, false, false, false, CLOCK);
        FlowRunResult result = executor.run(flow, event("override", "{\"a\": 1}"), state, false);
        assertThat(result.ok()).as(result.error()).isTrue();
        assertThat(state.console()).anySatisfy(entry -> assertThat(entry.type()).isEqualTo("warning"));
    }

    @Test
    void theTraceRecordsEveryNodeAndEdge() throws Exception {
        CompiledFlow flow = compiler.compile(fixture("flow_override_1.json"));
        BatchWorkflowState state = new BatchWorkflowState(profile(), null, true, true, true, true, CLOCK);
        FlowRunResult result = executor.run(flow, event("override", "{\"a\": 1}"), state, true);
        // End runs once per incoming branch: three branches reach it.
        JsonNode endNode = result.trace().nodesJson().properties().stream()
                .filter(e -> e.getValue().path("name").asText().equals("End")).findFirst().orElseThrow().getValue();
        assertThat(endNode.path("calls").size()).isEqualTo(3);
        assertThat(result.trace().edgesJson().size()).isEqualTo(6);
    }
}
