package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.ConditionEvaluator;
import org.opencdp.server.workflow.plugin.NodeContext;
import org.opencdp.server.workflow.plugin.PluginMemory;
import org.opencdp.server.workflow.plugin.ValueChange;

/**
 * Decides whether a node with {@code run_once} enabled runs (workflows §2): its watched value, or its condition's
 * result, must differ from the one remembered at its last run for this profile.
 */
public final class RunOnceGate {

    private final ConditionEvaluator conditions;
    private final PluginMemory memory;

    public RunOnceGate(ConditionEvaluator conditions, PluginMemory memory) {
        this.conditions = conditions;
        this.memory = memory;
    }

    /** A gate for servers without Redis or the condition language: nodes with {@code run_once} fail clearly. */
    public static RunOnceGate unavailable() {
        return new RunOnceGate(ConditionEvaluator.unavailable(), PluginMemory.unavailable());
    }

    boolean shouldRun(RunOnce runOnce, NodeContext context) throws Exception {
        if (!runOnce.enabled()) {
            return true;
        }
        JsonNode watched;
        if (runOnce.condition()) {
            watched = BooleanNode.valueOf(conditions.test(runOnce.value(), context));
        } else if (DotReference.parse(runOnce.value()).isPresent()) {
            watched = context.dots().read(DotReference.parse(runOnce.value()).get()).orElse(NullNode.getInstance());
        } else {
            watched = TextNode.valueOf(runOnce.value());
        }
        return ValueChange.changed(memory, ValueChange.key(context, true), watched, runOnce.ttl());
    }
}
