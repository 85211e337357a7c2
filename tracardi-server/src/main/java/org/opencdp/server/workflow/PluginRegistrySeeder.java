package org.opencdp.server.workflow;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.workflow.engine.PluginRegistry;
import org.opencdp.server.workflow.plugin.ActionPlugin;

/**
 * Writes the built-in actions into the {@code plugin} table (domain-model §15.7), so the flow editor can list
 * them ({@code /flow/action/plugins}). Records that exist are left alone: their hidden/enabled settings, name and
 * icon are the operator's.
 */
public final class PluginRegistrySeeder {

    /** The plugin version written into the records, as Tracardi's 0.8 actions carry. */
    static final String VERSION = "0.8.2";

    /** What one seeding did. */
    public record Result(List<String> added, List<String> existing) {
    }

    private final PluginRegistry plugins;
    private final ConfigTable<ObjectNode> table;
    private final java.time.Clock clock;

    public PluginRegistrySeeder(PluginRegistry plugins, ConfigTable<ObjectNode> table, java.time.Clock clock) {
        this.plugins = plugins;
        this.table = table;
        this.clock = clock;
    }

    public Result seed(TenantScope scope) {
        List<String> added = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (ActionPlugin plugin : plugins.all()) {
            String id = id(plugin);
            if (table.find(scope, id).isPresent()) {
                existing.add(id);
                continue;
            }
            table.upsert(scope, record(id, plugin));
            added.add(id);
        }
        return new Result(added, existing);
    }

    ObjectNode record(String id, ActionPlugin plugin) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ActionPlugin.PluginDescriptor descriptor = plugin.descriptor();
        ObjectNode record = json.objectNode().put("id", id);
        record.putObject("metadata").putObject("time").put("insert", Times.format(clock.instant()));
        ObjectNode body = record.putObject("plugin");
        body.put("start", plugin.className().equals("StartAction")).put("debug", false);
        ObjectNode spec = body.putObject("spec").put("id", id).put("module", plugin.module()).put("className", plugin.className())
                .put("version", VERSION).put("license", "MIT").put("author", "Tracardi-compatible CDP");
        descriptor.inputs().forEach(spec.putArray("inputs")::add);
        descriptor.outputs().forEach(spec.putArray("outputs")::add);
        spec.set("init", descriptor.defaultInit() == null ? json.nullNode() : descriptor.defaultInit().deepCopy());
        ObjectNode meta = body.putObject("metadata").put("name", descriptor.name()).put("desc", descriptor.description())
                .put("type", "flowNode").put("width", 200).put("height", 100).put("icon", "plugin");
        meta.putArray("group").add(descriptor.group());
        meta.putArray("purpose").add("collection").add("segmentation");
        record.putObject("settings").put("enabled", true).put("hidden", false);
        return record;
    }

    /** MD5 of module + className + version, as Tracardi identifies a plugin record. */
    static String id(ActionPlugin plugin) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((plugin.module() + plugin.className() + VERSION)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
