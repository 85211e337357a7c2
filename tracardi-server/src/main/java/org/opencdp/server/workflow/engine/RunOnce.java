package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A node's {@code run_once} (workflows §2): when enabled, the node runs only when {@code value} (a dot path, or
 * a condition when {@code type} is {@code condition}) changed since its last run for this profile.
 */
public record RunOnce(boolean enabled, boolean condition, String value, long ttl) {

    public static final RunOnce OFF = new RunOnce(false, false, "", 0);

    static RunOnce parse(JsonNode spec) {
        if (spec == null || !spec.isObject() || !spec.path("enabled").asBoolean(false)) {
            return OFF;
        }
        return new RunOnce(true, spec.path("type").asText("value").equals("condition"), spec.path("value").asText(""),
                spec.path("ttl").asLong(0));
    }
}
