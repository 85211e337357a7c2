package org.opencdp.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencdp.server.workflow.engine.BatchWorkflowState;
import org.opencdp.server.workflow.engine.CompiledFlow;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.engine.FlowCompiler;
import org.opencdp.server.workflow.engine.FlowExecutor;
import org.opencdp.server.workflow.engine.FlowRunResult;
import org.opencdp.server.workflow.engine.PluginRegistry;

/**
 * The workflow engine of a node: the plugin registry, a cache of compiled flows keyed by flow id and
 * version (processing §13.1), and the executor with the configured budgets.
 */
public final class WorkflowEngine {

    private static final int CACHE_LIMIT = 10_000;

    private final PluginRegistry plugins;
    private final FlowCompiler compiler;
    private final FlowExecutor executor;
    private final Map<String, CompiledFlow> compiled = new ConcurrentHashMap<>();

    public WorkflowEngine(PluginRegistry plugins, FlowExecutor.Budget budget) {
        this(plugins, new FlowExecutor(budget));
    }

    public WorkflowEngine(PluginRegistry plugins, FlowExecutor executor) {
        this.plugins = plugins;
        this.compiler = new FlowCompiler(plugins);
        this.executor = executor;
    }

    /**
     * The engine with every built-in action, the condition language and the given plugin memory (Redis for the
     * worker; the JVM for debug runs, which must persist nothing), without store lookups.
     */
    public static WorkflowEngine builtin(java.time.Clock clock, org.opencdp.server.workflow.plugin.PluginMemory memory,
                                         org.opencdp.server.config.WorkflowConfig config) {
        return builtin(clock, memory, config, org.opencdp.server.workflow.plugins.StoreLookups.unavailable());
    }

    /** As {@link #builtin(java.time.Clock, org.opencdp.server.workflow.plugin.PluginMemory, org.opencdp.server.config.WorkflowConfig)}, with the given store lookups. */
    public static WorkflowEngine builtin(java.time.Clock clock, org.opencdp.server.workflow.plugin.PluginMemory memory,
                                         org.opencdp.server.config.WorkflowConfig config,
                                         org.opencdp.server.workflow.plugins.StoreLookups lookups) {
        var conditions = new ConditionLanguageEvaluator(clock);
        var services = org.opencdp.server.workflow.plugins.PluginServices.unavailable().withConditions(conditions)
                .withMemory(memory).withLookups(lookups);
        return new WorkflowEngine(new PluginRegistry(org.opencdp.server.workflow.plugins.BuiltinPlugins.all(services)),
                new FlowExecutor(new FlowExecutor.Budget(config.maxNodeRuns(), config.timeout()),
                        new org.opencdp.server.workflow.engine.RunOnceGate(conditions, memory)));
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    /** Compiles without caching (drafts, debug runs, validation on save). */
    public CompiledFlow compile(JsonNode flow) throws FlowCompileException {
        return compiler.compile(flow);
    }

    /** Compiles a deployed graph once per (flow id, version). */
    public CompiledFlow compiled(String flowId, String version, JsonNode flow) throws FlowCompileException {
        String key = flowId + "@" + version;
        CompiledFlow cached = compiled.get(key);
        if (cached != null) {
            return cached;
        }
        CompiledFlow fresh = compiler.compile(flow).withId(flowId);
        if (compiled.size() > CACHE_LIMIT) {
            compiled.clear(); // crude bound; versions change rarely and recompiling is cheap
        }
        compiled.put(key, fresh);
        return fresh;
    }

    public FlowRunResult run(CompiledFlow flow, ObjectNode event, BatchWorkflowState state, boolean trace) {
        return executor.run(flow, event, state, trace);
    }
}
