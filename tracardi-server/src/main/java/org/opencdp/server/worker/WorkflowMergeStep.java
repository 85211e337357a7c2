package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.merge.MergeOutcome;
import org.opencdp.server.merge.MergeReason;
import org.opencdp.server.merge.MergeService;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step P14 (processing §10.1, reason {@code workflow}): after all flows of a batch, each merge the Merge profiles
 * action asked for runs against what is stored, and the batch goes on with the survivor, which the merge has
 * already stored: its version is the one the batch's own profile write (P16) checks. The caller holds the lock of
 * the batch's profile; a survivor that is another profile is locked too until the batch ends.
 */
public final class WorkflowMergeStep {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowMergeStep.class);

    private final MergeService merges;
    private final ProfileLocks locks;
    private final BatchStorage storage;

    public WorkflowMergeStep(MergeService merges, ProfileLocks locks, BatchStorage storage) {
        this.merges = merges;
        this.locks = locks;
        this.storage = storage;
    }

    /**
     * Runs the requests in order on the subject's profile, switching the subject to each survivor.
     *
     * @throws TransientQueueException when a participant is locked or changed meanwhile: the batch is retried
     */
    public void apply(TenantScope scope, BatchSubject subject, List<List<String>> requests, List<String> warnings)
            throws TransientQueueException {
        for (List<String> keys : requests) {
            if (subject.profile() == null) {
                return;
            }
            String before = subject.profile().id();
            MergeOutcome outcome = merges.mergeByKeys(scope, subject.profile(), subject.storedProfile(), keys,
                    MergeReason.WORKFLOW, null);
            outcome.refusal().ifPresent(why -> warnings.add("Merge by " + keys + " was refused: " + why + "."));
            if (!outcome.merged()) {
                continue;
            }
            MergeOutcome.Participant survivor = outcome.survivor();
            if (!survivor.id().equals(before)) {
                subject.hold(locks.acquire(scope, survivor.id()));
            }
            LOG.info("workflow merge of {} into {}: {} merged away", before, survivor.id(), outcome.mergedIds());
            subject.switchProfile(survivor.profile(), survivor.stored());
            followSurvivor(scope, subject, outcome.mergedIds());
        }
    }

    /**
     * The batch's session goes with the survivor. When it is stored under a merged-away profile, the merge's
     * re-pointing may have rewritten it: its new version (and the re-pointing trail a revert needs) is taken over
     * so the batch's session write does not conflict with the merge.
     */
    private void followSurvivor(TenantScope scope, BatchSubject subject, List<String> mergedIds) {
        SessionDocument session = subject.session();
        if (session == null) {
            return;
        }
        Versioned<ObjectNode> stored = subject.storedSession();
        if (stored != null && mergedIds.contains(stored.document().path("profile").path("id").asText())) {
            Optional<Versioned<ObjectNode>> fresh = storage.load(scope, null, session.id(), session.start()).session();
            if (fresh.isPresent()) {
                JsonNode trail = fresh.get().document().path("internal").path("repointed");
                if (trail.isArray()) {
                    session.json().withObject("internal").set("repointed", trail.deepCopy());
                }
                subject.refreshStoredSession(fresh.get());
            }
        }
        session.rebind(subject.profile().ref());
    }
}
