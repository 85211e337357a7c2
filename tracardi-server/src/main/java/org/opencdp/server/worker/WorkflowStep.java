package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.workflow.WorkflowEngine;
import org.opencdp.server.workflow.engine.BatchWorkflowState;
import org.opencdp.server.workflow.engine.CompiledFlow;
import org.opencdp.server.workflow.engine.ConsoleEntry;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.engine.FlowRunResult;
import org.opencdp.server.workflow.rules.DeployedFlow;
import org.opencdp.server.workflow.rules.Trigger;
import org.opencdp.server.workflow.rules.TriggerIndex;
import org.opencdp.server.workflow.rules.WorkflowDefinitions;

/**
 * Step P13 (processing §13.1, workflows §3): for each event of the batch, in order, the matching rules' deployed
 * flows run one after another on the batch's in-memory profile and session. A failing flow stops only itself;
 * its error is recorded on the event and the batch continues.
 */
public final class WorkflowStep {

    /**
     * What the flows of a batch produced for the answer and for persisting.
     *
     * @param replacedProfile    the profile a flow put in place of the batch's (Load profile by field, Create empty
     *                           profile), or null when it was not replaced
     * @param replacementStored  what {@code replacedProfile} was read from, or null for a new profile
     * @param replacedSession    the session a flow put in place of the batch's (Create empty session), or null
     */
    public record Outcome(ArrayNode ux, ObjectNode response, boolean profileChanged, boolean sessionSaveRequested,
                          List<List<String>> mergeRequests, List<ConsoleEntry> console, ObjectNode replacedProfile,
                          Versioned<ObjectNode> replacementStored, ObjectNode replacedSession) {
    }

    private final WorkflowDefinitions definitions;
    private final WorkflowEngine engine;
    private final Clock clock;

    public WorkflowStep(WorkflowDefinitions definitions, WorkflowEngine engine, Clock clock) {
        this.definitions = definitions;
        this.engine = engine;
        this.clock = clock;
    }

    /** Whether any rule is deployed in the scope, i.e. whether a flow may run for one of its batches. */
    public boolean hasRules(TenantScope scope) {
        return !definitions.triggers(scope).isEmpty();
    }

    /** Empty when no rule matches any event (the common case costs one index lookup per event). */
    public Optional<Outcome> run(TenantScope scope, String sourceId, List<EventDocument> events, ProfileDocument profile,
                                 SessionDocument session, boolean newVisit, boolean newProfile, boolean newSession, boolean debug) {
        TriggerIndex index = definitions.triggers(scope);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        BatchWorkflowState state = null;
        for (EventDocument event : events) {
            List<Trigger> triggers = index.match(event.type(), sourceId);
            for (Trigger trigger : triggers) {
                // A flow may have replaced the profile: later rules check the one the batch works on now.
                if (!consentsHeld(trigger, state == null ? (profile == null ? null : profile.json()) : state.profile())) {
                    continue;
                }
                Optional<DeployedFlow> flow = definitions.deployed(scope, trigger.flowId());
                if (flow.isEmpty() || flow.get().production() == null || flow.get().production().isNull()) {
                    continue;
                }
                if (state == null) {
                    state = new BatchWorkflowState(profile == null ? null : profile.json(), session == null ? null : session.json(),
                            newVisit, newProfile, newSession, debug, clock).scope(scope);
                }
                event.addProcessedBy(EventDocument.ProcessedBy.RULES, trigger.name());
                runFlow(event, flow.get(), state);
                event.addProcessedBy(EventDocument.ProcessedBy.FLOWS, trigger.flowId());
                event.setStatus(EventDocument.Status.PROCESSED);
            }
        }
        if (state == null) {
            return Optional.empty();
        }
        return Optional.of(new Outcome(state.ux(), state.response(), state.profileChanged(), state.sessionSaveRequested(),
                state.mergeRequests(), state.console(), state.profileReplaced() ? state.profile() : null,
                state.profileReplaced() ? state.replacementStored() : null, state.sessionReplaced() ? state.session() : null));
    }

    private void runFlow(EventDocument event, DeployedFlow flow, BatchWorkflowState state) {
        CompiledFlow compiled;
        try {
            compiled = engine.compiled(flow.id(), Long.toString(flow.version()), flow.production());
        } catch (FlowCompileException e) {
            event.json().withObject("metadata").put("error", true);
            state.console().add(new ConsoleEntry(org.opencdp.server.common.time.Times.format(clock.instant()), flow.id(),
                    e.nodeId(), event.id(), state.profile() == null ? null : state.profile().path("id").asText(null),
                    "workflow", null, null, "error", e.getMessage()));
            return;
        }
        FlowRunResult result = engine.run(compiled, event.json(), state, false);
        if (!result.ok()) {
            event.json().withObject("metadata").put("error", true);
        }
    }

    private static boolean consentsHeld(Trigger trigger, ObjectNode profile) {
        if (trigger.requiredConsents().isEmpty()) {
            return true;
        }
        if (profile == null) {
            return false;
        }
        JsonNode consents = profile.path("consents");
        return trigger.requiredConsents().stream().allMatch(consents::has);
    }
}
