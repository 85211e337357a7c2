package org.opencdp.server.workflow.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.workflow.plugin.ActionPlugin;

/** The action plugins by their {@code module.className} key. */
public final class PluginRegistry {

    private final Map<String, ActionPlugin> plugins = new LinkedHashMap<>();

    public PluginRegistry(List<ActionPlugin> plugins) {
        for (ActionPlugin plugin : plugins) {
            if (this.plugins.putIfAbsent(plugin.key(), plugin) != null) {
                throw new IllegalArgumentException("two plugins share the key " + plugin.key());
            }
        }
    }

    public Optional<ActionPlugin> find(String key) {
        return Optional.ofNullable(plugins.get(key));
    }

    public Collection<ActionPlugin> all() {
        return plugins.values();
    }
}
