package org.opencdp.server.workflow.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.workflow.engine.BatchWorkflowState;
import org.opencdp.server.workflow.engine.CompiledFlow;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.engine.FlowCompiler;
import org.opencdp.server.workflow.engine.FlowExecutor;
import org.opencdp.server.workflow.engine.FlowRunResult;
import org.opencdp.server.workflow.engine.PluginRegistry;
import org.opencdp.server.workflow.engine.RunOnceGate;
import org.opencdp.server.workflow.plugin.ActionPlugin;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.core.CorePlugins;

/**
 * Runs one plugin through the real compiler and executor: Start → Input (emits the given payload) → the plugin
 * → End on each of its outputs. The emitted ports are read from the debug trace.
 */
final class FlowHarness {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final String NODE = "node-under-test";

    /** Emits its init as the payload, so tests can feed any input to the plugin under test. */
    static final class InputPlugin extends BasePlugin {
        InputPlugin() {
            super("test.input", "Input", "Input", "Test", List.of("payload"), List.of("payload"), "{}", "test input");
        }

        @Override
        public NodeRunner compile(JsonNode init) {
            JsonNode value = init == null ? JSON.createObjectNode() : init;
            return (port, payload, context) -> PortResult.on("payload", value.deepCopy());
        }
    }

    ObjectNode profile = ProfileDocument.create("profile-1", CLOCK.instant()).json();
    ObjectNode session = SessionDocument.create("session-1", "profile-1", CLOCK.instant(), "web").json();
    ObjectNode event;
    boolean newVisit;
    boolean newProfile;
    boolean debug;
    boolean onErrorContinue;
    /** The tested node's {@code run_once} JSON, or null. */
    String runOnce;
    RunOnceGate gate = RunOnceGate.unavailable();

    FlowHarness() {
        event = JSON.createObjectNode().put("id", "event-1").put("type", "page-view");
        event.putObject("properties");
        event.putObject("metadata").putObject("time").put("insert", "2026-12-01T10:00:00.000000+00:00");
        event.putObject("source").put("id", "source-1");
        event.putObject("profile").put("id", "profile-1");
    }

    FlowHarness profileLess() {
        profile = null;
        event.putNull("profile");
        event.withObject("metadata").put("profile_less", true);
        return this;
    }

    FlowHarness properties(String json) throws Exception {
        event.set("properties", JSON.readTree(json));
        return this;
    }

    /** The result of one flow run. */
    record Run(FlowRunResult result, BatchWorkflowState state, ObjectNode event, List<PortResult> emitted) {

        List<String> ports() {
            return emitted.stream().map(PortResult::port).toList();
        }

        JsonNode on(String port) {
            return emitted.stream().filter(r -> r.port().equals(port)).map(PortResult::value).findFirst().orElse(null);
        }

        ObjectNode profile() {
            return state.profile();
        }
    }

    Run run(ActionPlugin plugin, String init, String payload) throws Exception {
        return run(plugin, init, payload, new BatchWorkflowState(profile, session, newVisit, newProfile, false, debug, CLOCK));
    }

    Run run(ActionPlugin plugin, String init) throws Exception {
        return run(plugin, init, "{}");
    }

    Run run(ActionPlugin plugin, String init, String payload, BatchWorkflowState state) throws Exception {
        CompiledFlow flow = compile(plugin, init, payload);
        FlowRunResult result = new FlowExecutor(FlowExecutor.Budget.DEFAULT, gate).run(flow, event, state, true);
        List<PortResult> emitted = new ArrayList<>();
        JsonNode node = result.trace().nodesJson().path(NODE);
        for (JsonNode call : node.path("calls")) {
            for (JsonNode out : call.path("output").path("results")) {
                emitted.add(new PortResult(out.path("port").asText(), out.path("value")));
            }
        }
        return new Run(result, state, event, emitted);
    }

    CompiledFlow compile(ActionPlugin plugin, String init, String payload) throws Exception {
        List<ActionPlugin> plugins = new ArrayList<>(CorePlugins.all());
        plugins.add(new InputPlugin());
        plugins.add(plugin);
        return new FlowCompiler(new PluginRegistry(plugins)).compile(flow(plugin, init, payload));
    }

    /** Compiles the flow only, for configuration errors. */
    void compileOnly(ActionPlugin plugin, String init) throws FlowCompileException {
        try {
            compile(plugin, init, "{}");
        } catch (FlowCompileException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode flow(ActionPlugin plugin, String init, String payload) throws Exception {
        ObjectNode flow = JSON.createObjectNode().put("id", "flow-1").put("name", "Test flow");
        ObjectNode graph = flow.putObject("flowGraph");
        ArrayNode nodes = graph.putArray("nodes");
        ArrayNode edges = graph.putArray("edges");
        nodes.add(node("start", true, BasePlugin.V1 + "flow.start.start_action", "StartAction", List.of(), List.of("payload"), null));
        nodes.add(node("input", false, "test.input", "Input", List.of("payload"), List.of("payload"), JSON.readTree(payload)));
        ObjectNode tested = node(NODE, false, plugin.module(), plugin.className(), plugin.descriptor().inputs(),
                plugin.descriptor().outputs(), init == null ? null : JSON.readTree(init));
        ((ObjectNode) tested.path("data").path("spec")).put("on_error_continue", onErrorContinue);
        if (runOnce != null) {
            ((ObjectNode) tested.path("data").path("spec")).set("run_once", JSON.readTree(runOnce));
        }
        nodes.add(tested);
        nodes.add(node("end", false, BasePlugin.V1 + "end_action", "EndAction", List.of("payload"), List.of(), null));
        edges.add(edge("e1", "start", "payload", "input", "payload"));
        edges.add(edge("e2", "input", "payload", NODE, plugin.descriptor().inputs().get(0)));
        for (String output : plugin.descriptor().outputs()) {
            edges.add(edge("out-" + output, NODE, output, "end", "payload"));
        }
        return flow;
    }

    private static ObjectNode node(String id, boolean start, String module, String className, List<String> inputs,
                                   List<String> outputs, JsonNode init) {
        ObjectNode node = JSON.createObjectNode().put("id", id).put("type", "flowNode");
        ObjectNode data = node.putObject("data").put("start", start).put("debug", false);
        ObjectNode spec = data.putObject("spec").put("module", module).put("className", className);
        inputs.forEach(spec.putArray("inputs")::add);
        outputs.forEach(spec.putArray("outputs")::add);
        spec.set("init", init);
        data.putObject("metadata").put("name", className);
        return node;
    }

    private static ObjectNode edge(String id, String source, String sourceHandle, String target, String targetHandle) {
        ObjectNode edge = JSON.createObjectNode().put("id", id).put("source", source).put("sourceHandle", sourceHandle)
                .put("target", target).put("targetHandle", targetHandle);
        edge.putObject("data").put("name", "");
        return edge;
    }
}
