package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * "Did this value change since the last time?" over {@link PluginMemory} (workflows §2 {@code run_once}, §8 If
 * {@code trigger_once} and Value threshold). The first value always counts as a change; an expired memory
 * forgets the last value.
 */
public final class ValueChange {

    private ValueChange() {
    }

    /** The memory key {@code value-threshold:<flow>:<node>[:<profile>]}. */
    public static String key(NodeContext context, boolean perProfile) {
        String key = "value-threshold:" + context.flow().path("id").asText("") + ":" + context.nodeId();
        if (perProfile && context.profile() != null) {
            key += ":" + context.profile().path("id").asText("");
        }
        return key;
    }

    /** Remembers {@code value} under {@code key} and tells whether it differs from the remembered one. */
    public static boolean changed(PluginMemory memory, String key, JsonNode value, long ttlSeconds) {
        String current = value == null ? "null" : value.toString();
        Optional<String> last = memory.get(key);
        if (last.isPresent() && last.get().equals(current)) {
            return false;
        }
        memory.put(key, current, ttlSeconds);
        return true;
    }
}
