package org.opencdp.server.workflow.debug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.EventStore;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.SessionStore;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.workflow.WorkflowEngine;
import org.opencdp.server.workflow.engine.BatchWorkflowState;
import org.opencdp.server.workflow.engine.CompiledFlow;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.engine.FlowRunResult;

/**
 * {@code POST /flow/debug} (workflows §11): runs a graph on a synthetic or stored event and returns the trace of
 * every node. Works on copies only, so nothing is ever persisted.
 */
public final class FlowDebugService {

    /** Thrown when {@code ?event_id=} names no stored event. */
    public static final class EventNotFoundException extends RuntimeException {
        public EventNotFoundException(String id) {
            super("Could not find event id " + id + ".");
        }
    }

    private final WorkflowEngine engine;
    private final EventStore events;
    private final ProfileStore profiles;
    private final SessionStore sessions;
    private final ObjectMapper json;
    private final Clock clock;

    public FlowDebugService(WorkflowEngine engine, EventStore events, ProfileStore profiles, SessionStore sessions,
                            ObjectMapper json, Clock clock) {
        this.engine = engine;
        this.events = events;
        this.profiles = profiles;
        this.sessions = sessions;
        this.json = json;
        this.clock = clock;
    }

    public Map<String, Object> debug(TenantScope scope, JsonNode flow, String eventId) {
        ObjectNode event;
        ObjectNode profile;
        ObjectNode session;
        if (eventId != null && !eventId.isBlank()) {
            event = events.get(scope, eventId.trim()).map(ObjectNode::deepCopy).orElseThrow(() -> new EventNotFoundException(eventId));
            profile = load(profiles.get(scope, event.path("profile").path("id").asText("")));
            session = load(sessions.get(scope, event.path("session").path("id").asText("")));
        } else {
            event = syntheticEvent(startInit(flow));
            profile = ProfileDocument.create("@debug-profile-id", clock.instant()).json();
            session = JsonNodeFactory.instance.objectNode().put("id", "@debug-session-id");
            session.putObject("metadata").putObject("time");
        }
        Map<String, Object> debugInfo = new LinkedHashMap<>();
        debugInfo.put("timestamp", clock.millis() / 1000.0);
        Map<String, Object> flowInfo = new LinkedHashMap<>();
        flowInfo.put("id", flow.path("id").asText(""));
        flowInfo.put("name", flow.path("name").asText(""));
        debugInfo.put("flow", flowInfo);
        debugInfo.put("event", Map.of("id", event.path("id").asText("")));
        BatchWorkflowState state = new BatchWorkflowState(profile, session, eventId == null, eventId == null, eventId == null, true, clock)
                .scope(scope);
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            CompiledFlow compiled = engine.compile(flow);
            FlowRunResult result = engine.run(compiled, event, state, true);
            flowInfo.put("error", result.ok() ? List.of() : List.of(error(result.error())));
            debugInfo.put("nodes", result.trace().nodesJson());
            debugInfo.put("edges", result.trace().edgesJson());
        } catch (FlowCompileException e) {
            flowInfo.put("error", List.of(error(e.getMessage())));
            debugInfo.put("nodes", Map.of());
            debugInfo.put("edges", Map.of());
        }
        answer.put("logs", state.console());
        answer.put("debugInfo", debugInfo);
        answer.put("update", null);
        answer.put("ux", state.ux());
        return answer;
    }

    private ObjectNode syntheticEvent(JsonNode startInit) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("id", "@debug-event-id");
        String type = startInit.path("event_type").path("id").asText("");
        event.put("type", type.isBlank() ? "@debug-event-type" : type);
        event.putObject("source").put("id", "@debug-source-id");
        JsonNode properties = JsonNodeFactory.instance.objectNode();
        String text = startInit.path("properties").asText("{}");
        try {
            JsonNode parsed = json.readTree(text.isBlank() ? "{}" : text);
            if (parsed != null && parsed.isObject()) {
                properties = parsed;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
            // Unparsable example properties leave the debug event with none.
        }
        event.set("properties", properties);
        event.putObject("profile").put("id", "@debug-profile-id");
        event.putObject("session").put("id", "@debug-session-id");
        event.putObject("metadata").put("debug", true).put("status", "collected");
        return event;
    }

    private static JsonNode startInit(JsonNode flow) {
        for (JsonNode node : flow.path("flowGraph").path("nodes")) {
            if (node.path("data").path("start").asBoolean(false)) {
                JsonNode init = node.path("data").path("spec").path("init");
                return init.isObject() ? init : JsonNodeFactory.instance.objectNode();
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private static ObjectNode load(Optional<Versioned<ObjectNode>> stored) {
        return stored.map(versioned -> versioned.document().deepCopy()).orElse(null);
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("msg", message);
        error.put("file", null);
        error.put("line", null);
        return error;
    }
}
