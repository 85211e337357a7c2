package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileRef;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.plugin.Console;
import org.opencdp.server.workflow.plugin.NodeContext;

/** The {@link NodeContext} of one node run: the batch state plus this run's event, flow, memory and payload. */
final class RunContext implements NodeContext, Console {

    private final BatchWorkflowState state;
    private final ObjectNode event;
    private final CompiledFlow flow;
    private final ObjectNode memory;
    private final FlowNode node;
    private final JsonNode payload;

    RunContext(BatchWorkflowState state, ObjectNode event, CompiledFlow flow, ObjectNode memory, FlowNode node, JsonNode payload) {
        this.state = state;
        this.event = event;
        this.flow = flow;
        this.memory = memory;
        this.node = node;
        this.payload = payload;
    }

    @Override public ObjectNode event() { return event; }
    @Override public ObjectNode profile() { return state.profile(); }
    @Override public ObjectNode session() { return state.session(); }
    @Override public JsonNode flow() { return flow.info(); }
    @Override public ObjectNode memory() { return memory; }
    @Override public Console console() { return this; }
    @Override public ArrayNode ux() { return state.ux(); }
    @Override public ObjectNode response() { return state.response(); }
    @Override public boolean newVisit() { return state.newVisit(); }
    @Override public boolean newProfile() { return state.newProfile(); }
    @Override public boolean newSession() { return state.newSession(); }
    @Override public boolean debug() { return state.debug(); }
    @Override public org.opencdp.server.storage.TenantScope scope() { return state.scope(); }
    @Override public Instant now() { return state.clock().instant(); }
    @Override public void requestProfileSave() { state.requestProfileSave(); }
    @Override public void requestSessionSave() { state.requestSessionSave(); }
    @Override public void requestMerge(List<String> mergeKeys) { state.requestMerge(mergeKeys); }
    @Override public void discardProfileChanges() { state.discardProfileChanges(); }
    @Override public String nodeId() { return node.id(); }
    @Override public JsonNode payload() { return payload; }

    @Override
    public void replaceProfile(org.opencdp.server.storage.elastic.Versioned<ObjectNode> stored) {
        replaceProfile(stored.document());
        state.rememberReplacementVersion(stored);
    }

    @Override
    public void replaceProfile(ObjectNode profile) {
        state.replaceProfile(profile);
        if (profile != null) {
            event.set("profile", ProfileRef.of(profile.path("id").asText()).toJson());
            event.withObject("metadata").put("profile_less", false);
        }
    }

    @Override
    public void replaceSession(ObjectNode session) {
        state.replaceSession(session);
        if (session != null) {
            ObjectNode ref = JsonNodeFactory.instance.objectNode().put("id", session.path("id").asText());
            ref.put("start", session.path("metadata").path("time").path("insert").asText(null));
            ref.put("duration", 0.0);
            ref.put("tz", session.path("context").path("time").path("tz").asText(null));
            event.set("session", ref);
        }
    }

    @Override
    public DotAccessor dots() {
        Map<String, JsonNode> roots = new HashMap<>();
        roots.put("payload", payload);
        roots.put("profile", state.profile());
        roots.put("session", state.session());
        roots.put("event", event);
        roots.put("flow", flow.info());
        roots.put("memory", memory);
        return new DotAccessor(roots);
    }

    @Override
    public void log(String message) {
        add("info", message);
    }

    @Override
    public void warning(String message) {
        add("warning", message);
        markEvent("warning");
    }

    @Override
    public void error(String message) {
        add("error", message);
        markEvent("error");
    }

    void markEvent(String flag) {
        event.withObject("metadata").put(flag, true);
    }

    private void add(String type, String message) {
        state.console().add(new ConsoleEntry(Times.format(now()), flow.id(), node.id(), event.path("id").asText(null),
                state.profile() == null ? null : state.profile().path("id").asText(null), "node", node.className(),
                node.module(), type, message));
    }
}
