package org.opencdp.server.workflow.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.opencdp.server.workflow.plugin.ActionPlugin;

/** Holds a plugin's identity and descriptor, so each action only writes its configuration and run logic. */
public abstract class BasePlugin implements ActionPlugin {

    /** Tracardi's module prefix of the v1 actions. */
    public static final String V1 = "tracardi.process_engine.action.v1.";
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final String module;
    private final String className;
    private final PluginDescriptor descriptor;

    protected BasePlugin(String module, String className, String name, String group, List<String> inputs,
                         List<String> outputs, String defaultInit, String description) {
        this.module = module;
        this.className = className;
        this.descriptor = new PluginDescriptor(name, group, inputs, outputs, parse(defaultInit), description);
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /** The given init, or the default when it is null. */
    protected JsonNode initOrDefault(JsonNode init) {
        return init == null || init.isNull() ? descriptor.defaultInit() : init;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad default init " + json, e);
        }
    }
}
