package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.config.FeaturesConfig;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.workflow.ConsoleLogWriter;
import org.opencdp.server.workflow.engine.ConsoleEntry;

/**
 * Steps P13–P15 of a batch after mapping: workflows, the merges they asked for, then post-event segmentation, each
 * behind its feature flag ({@code ENABLE_WORKFLOW}, {@code ENABLE_POST_EVENT_SEGMENTATION}). A flow or a merge may
 * switch the batch's profile or session; the {@link BatchSubject} then holds the ones the batch goes on with.
 */
public final class BatchFlows {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BatchFlows.class);

    /** What the flows gave the answer, and whether the profile must be saved. */
    public record Result(ArrayNode ux, ObjectNode response, boolean profileChanged, boolean sessionChanged) {
        static Result empty() {
            return new Result(JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(), false, false);
        }
    }

    /** No workflows and no segments: what tests of the pipeline alone use. */
    public static final BatchFlows NONE = new BatchFlows(null, null, null, null, null);

    private final WorkflowStep workflows;
    private final WorkflowMergeStep merges;
    private final SegmentationStep segmentation;
    private final FeaturesConfig features;
    private final ConsoleLogWriter consoleLogs;

    /** @param merges step P14, or null where merging is not available (merge requests are then ignored with a warning) */
    public BatchFlows(WorkflowStep workflows, WorkflowMergeStep merges, SegmentationStep segmentation, FeaturesConfig features,
                      ConsoleLogWriter consoleLogs) {
        this.workflows = workflows;
        this.merges = merges;
        this.segmentation = segmentation;
        this.features = features;
        this.consoleLogs = consoleLogs;
    }

    /**
     * Whether a workflow may run for a batch of the scope. Only workflows reach beyond the batch's own profile and
     * session (a merge locks and reads other profiles), so batches without them can be processed side by side.
     */
    public boolean mayRunWorkflows(TenantScope scope) {
        return features != null && features.workflow() && workflows != null && workflows.hasRules(scope);
    }

    /**
     * @throws TransientQueueException when a requested merge can not lock or read its participants now; the batch
     *                                 is retried
     */
    public Result apply(TenantScope scope, String batchId, String sourceId, List<EventDocument> events, BatchSubject subject,
                        boolean newVisit, boolean profileCreated, boolean newSession, boolean debug,
                        List<String> warnings, List<String> errors) throws TransientQueueException {
        if (features == null) {
            return Result.empty();
        }
        Result result = Result.empty();
        if (features.workflow() && workflows != null) {
            Optional<WorkflowStep.Outcome> outcome = workflows.run(scope, sourceId, events, subject.profile(), subject.session(),
                    newVisit, profileCreated, newSession, debug);
            if (outcome.isPresent()) {
                WorkflowStep.Outcome flows = outcome.get();
                writeConsole(scope, batchId, flows.console());
                warnings.addAll(messages(flows.console(), "warning"));
                errors.addAll(messages(flows.console(), "error"));
                adoptReplacements(subject, flows);
                if (!flows.mergeRequests().isEmpty()) {
                    if (merges == null) {
                        warnings.add("Profile merging is not available on this server; the requested merge was skipped.");
                    } else {
                        merges.apply(scope, subject, flows.mergeRequests(), warnings);
                    }
                }
                result = new Result(flows.ux(), flows.response(), flows.profileChanged(), flows.sessionSaveRequested());
            }
        }
        if (features.postEventSegmentation() && segmentation != null) {
            boolean segmented = segmentation.apply(scope, events, subject.profile(), subject.session(), warnings);
            result = new Result(result.ux(), result.response(), result.profileChanged() || segmented, result.sessionChanged());
        }
        return result;
    }

    /** A profile or session a flow put in place of the batch's becomes the batch's own. */
    private static void adoptReplacements(BatchSubject subject, WorkflowStep.Outcome flows) {
        if (flows.replacedProfile() != null) {
            subject.switchProfile(ProfileDocument.of(flows.replacedProfile()), flows.replacementStored());
        }
        if (flows.replacedSession() != null) {
            subject.switchSession(SessionDocument.of(flows.replacedSession()), null);
        }
    }

    /** The flow log of each event (workflows §3.3 item 6); a failure to write it never fails the batch. */
    private void writeConsole(TenantScope scope, String batchId, List<ConsoleEntry> console) {
        if (consoleLogs == null || console.isEmpty()) {
            return;
        }
        try {
            consoleLogs.write(scope, batchId, console, java.time.Instant.now());
        } catch (Exception e) {
            LOG.warn("console log of batch {} not stored: {}", batchId, e.toString());
        }
    }

    private static List<String> messages(List<ConsoleEntry> console, String type) {
        return console.stream().filter(entry -> type.equals(entry.type())).map(ConsoleEntry::message).toList();
    }
}
