package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One action of the flow editor, identified by the Python {@code module} and {@code className} written in
 * Tracardi's flow JSON (workflows §4). Implementations are stateless; per-node state lives in the runner.
 */
public interface ActionPlugin {

    /** The Python module, e.g. {@code tracardi.process_engine.action.v1.end_action}. */
    String module();

    /** The Python class name, e.g. {@code EndAction}. */
    String className();

    /** Display name, group, ports and default init: what the plugin registry lists. */
    PluginDescriptor descriptor();

    /** Validates {@code init} (null means the default) and returns the runner of one node. */
    NodeRunner compile(JsonNode init) throws PluginConfigException;

    /** The registry key {@code module.className}. */
    default String key() {
        return module() + "." + className();
    }

    /** Name, group, ports and default configuration of a plugin. */
    record PluginDescriptor(String name, String group, List<String> inputs, List<String> outputs, JsonNode defaultInit,
                            String description) {
    }
}
