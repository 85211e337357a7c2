package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.workflow.plugin.PortResult;

/**
 * Runs a {@link CompiledFlow} on one event (workflows §3.3): start nodes once, every other node once per
 * incoming message (join nodes once with all inputs), inactive branches skipped, node errors stopping the flow
 * unless the node continues on error, and run-count and wall-time budgets.
 */
public final class FlowExecutor {

    /** The per-run budgets of workflows §3.3 item 7. */
    public record Budget(int maxNodeRuns, Duration timeout) {
        public static final Budget DEFAULT = new Budget(1000, Duration.ofSeconds(10));
    }

    private static final String ERROR_PORT = "error";
    private final Budget budget;
    private final RunOnceGate runOnce;

    /** An executor whose nodes with {@code run_once} enabled fail (no Redis memory or condition language). */
    public FlowExecutor(Budget budget) {
        this(budget, RunOnceGate.unavailable());
    }

    public FlowExecutor(Budget budget, RunOnceGate runOnce) {
        this.budget = budget;
        this.runOnce = runOnce;
    }

    public FlowRunResult run(CompiledFlow flow, ObjectNode event, BatchWorkflowState state, boolean trace) {
        FlowTrace tracer = trace ? new FlowTrace() : null;
        ObjectNode memory = JsonNodeFactory.instance.objectNode();
        Map<String, List<PortResult>> emitted = new HashMap<>();
        long deadline = System.nanoTime() + budget.timeout().toNanos();
        int runs = 0;
        int sequence = 0;
        for (FlowNode node : flow.order()) {
            if (tracer != null) {
                tracer.node(node, ++sequence);
            }
            List<Message> inputs = inputsOf(node, flow, emitted, tracer);
            if (inputs.isEmpty()) {
                if (tracer != null) {
                    tracer.call(node, false, null, null, null, null, null, System.nanoTime(), System.nanoTime(), null, null, null);
                }
                continue;
            }
            List<PortResult> results = new ArrayList<>();
            for (Message message : inputs) {
                if (++runs > budget.maxNodeRuns()) {
                    return stop(flow, node, event, state, "The flow exceeded " + budget.maxNodeRuns() + " node runs.", runs, tracer);
                }
                if (System.nanoTime() > deadline) {
                    return stop(flow, node, event, state, "The flow exceeded its time budget of " + budget.timeout().toMillis() + " ms.", runs, tracer);
                }
                RunContext context = new RunContext(state, event, flow, memory, node, message.value());
                long started = System.nanoTime();
                try {
                    List<PortResult> produced = runNode(flow, node, message, context, state);
                    results.addAll(produced);
                    if (tracer != null) {
                        tracer.call(node, true, message.edge(), message.port(), message.value(), produced, null, started,
                                System.nanoTime(), state.profile(), event, state.session());
                    }
                } catch (Exception e) {
                    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    if (tracer != null) {
                        tracer.call(node, true, message.edge(), message.port(), message.value(), List.of(), reason, started,
                                System.nanoTime(), state.profile(), event, state.session());
                    }
                    if (node.onErrorContinue()) {
                        context.warning("Node error (continuing): " + reason);
                        if (node.outputs().contains(ERROR_PORT)) {
                            results.add(new PortResult(ERROR_PORT, JsonNodeFactory.instance.objectNode().put("message", reason)));
                        }
                        continue;
                    }
                    return stop(flow, node, event, state, reason, runs, tracer);
                }
            }
            emitted.put(node.id(), results);
        }
        return new FlowRunResult(null, null, runs, tracer);
    }

    private List<PortResult> runNode(CompiledFlow flow, FlowNode node, Message message, RunContext context,
                                     BatchWorkflowState state) throws Exception {
        if (node.blockFlow() || (node.debug() && !state.debug())) {
            return List.of();
        }
        if (!runOnce.shouldRun(node.runOnce(), context)) {
            return List.of();
        }
        if (node.skip()) {
            List<PortResult> copies = new ArrayList<>();
            node.outputs().forEach(port -> copies.add(new PortResult(port, message.value())));
            return copies;
        }
        List<PortResult> produced = flow.runners().get(node.id()).run(message.port(), message.value(), context);
        List<PortResult> checked = new ArrayList<>();
        for (PortResult result : produced == null ? List.<PortResult>of() : produced) {
            if (result.value() == null || result.value().isNull()) {
                continue;
            }
            if (!node.outputs().contains(result.port())) {
                throw new IllegalStateException("Node returned a result on port '" + result.port()
                        + "', which is not one of its outputs " + node.outputs() + ".");
            }
            if (!result.value().isObject()) {
                throw new IllegalStateException("Node returned a value that is not an object on port '" + result.port() + "'.");
            }
            JsonNode value = result.value();
            if (node.appendInputPayload() && message.value() != null && message.value().isObject()) {
                ObjectNode merged = ((ObjectNode) message.value()).deepCopy();
                merged.setAll((ObjectNode) value);
                value = merged;
            }
            checked.add(new PortResult(result.port(), value));
        }
        return checked;
    }

    /** The messages that make a node run, in in-edge order then emission order; a single one for start and join nodes. */
    private static List<Message> inputsOf(FlowNode node, CompiledFlow flow, Map<String, List<PortResult>> emitted, FlowTrace tracer) {
        List<FlowEdge> in = flow.inEdges().getOrDefault(node.id(), List.of());
        if (node.start() && in.isEmpty()) {
            return List.of(new Message(null, null, JsonNodeFactory.instance.objectNode()));
        }
        List<Message> messages = new ArrayList<>();
        Map<String, JsonNode> joined = new LinkedHashMap<>();
        for (FlowEdge edge : in) {
            boolean active = false;
            for (PortResult result : emitted.getOrDefault(edge.source(), List.of())) {
                if (result.port().equals(edge.sourceHandle())) {
                    messages.add(new Message(edge, edge.targetHandle(), result.value()));
                    joined.put(edge.joinKey(), result.value());
                    active = true;
                }
            }
            if (tracer != null) {
                tracer.edge(edge, active);
            }
        }
        if (node.joinInputPayload() && !messages.isEmpty()) {
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            joined.forEach(input::set);
            return List.of(new Message(null, in.get(0).targetHandle(), input));
        }
        if (node.start() && messages.isEmpty()) {
            return List.of(new Message(null, null, JsonNodeFactory.instance.objectNode()));
        }
        return messages;
    }

    private static FlowRunResult stop(CompiledFlow flow, FlowNode node, ObjectNode event, BatchWorkflowState state,
                                      String reason, int runs, FlowTrace tracer) {
        RunContext context = new RunContext(state, event, flow, JsonNodeFactory.instance.objectNode(), node, null);
        context.error(reason);
        return new FlowRunResult(reason, node.id(), runs, tracer);
    }

    private record Message(FlowEdge edge, String port, JsonNode value) {
    }
}
