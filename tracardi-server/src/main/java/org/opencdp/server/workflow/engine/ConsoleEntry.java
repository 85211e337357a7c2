package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One console line of a flow run, in the shape {@code /flow/debug} and the console log use (workflows §11). */
public record ConsoleEntry(@JsonProperty("date") String date, @JsonProperty("flow_id") String flowId,
                           @JsonProperty("node_id") String nodeId, @JsonProperty("event_id") String eventId,
                           @JsonProperty("profile_id") String profileId, @JsonProperty("origin") String origin,
                           @JsonProperty("class_name") String className, @JsonProperty("module") String module,
                           @JsonProperty("type") String type, @JsonProperty("message") String message) {
}
