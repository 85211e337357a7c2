package org.opencdp.server.merge;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opencdp.server.merge.MergeOutcome.Participant;
import org.opencdp.server.profile.ProfileCache;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.profile.ProfileRef;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.Version;
import org.opencdp.server.storage.elastic.VersionConflictException;
import org.opencdp.server.storage.elastic.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a decided merge, step by step (processing §10.5), with every participant locked by the caller: the
 * journal entry with the snapshots first, then the survivor, the id map, the deletion of the merged-away profiles
 * and the re-pointing of their events and sessions. Each step can be repeated, so {@link #resume} finishes a merge
 * that a crash interrupted after any step.
 */
final class MergeApplication {

    private static final Logger LOG = LoggerFactory.getLogger(MergeApplication.class);

    private final ProfileStore profiles;
    private final MergeJournalDao journal;
    private final ProfileIdMap idMap;
    private final ProfileCache cache;
    private final Repointer repointer;
    private final Duration idMapTtl;
    private final MetricRegistry metrics;
    private final Clock clock;
    private volatile Checkpoints checkpoints = Checkpoints.NONE;

    /** A merge that was applied: its journal id and the stored survivor. */
    record Applied(String mergeId, Participant survivor) {
    }

    MergeApplication(ProfileStore profiles, MergeJournalDao journal, ProfileIdMap idMap, ProfileCache cache,
                     Repointer repointer, Duration idMapTtl, MetricRegistry metrics, Clock clock) {
        this.profiles = profiles;
        this.journal = journal;
        this.idMap = idMap;
        this.cache = cache;
        this.repointer = repointer;
        this.idMapTtl = idMapTtl;
        this.metrics = metrics;
        this.clock = clock;
    }

    void checkpoints(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /**
     * Merges the participants (survivor first) and returns the stored survivor.
     *
     * @throws TransientQueueException when the survivor changed since it was read; nothing was changed then
     */
    Applied apply(TenantScope scope, List<Participant> participants, MergeReason reason, JsonNode ruleRef)
            throws TransientQueueException {
        Participant survivor = participants.get(0);
        List<String> mergedIds = participants.subList(1, participants.size()).stream().map(Participant::id).toList();
        MergeJournalEntry entry = MergeJournalEntry.applied(UUID.randomUUID().toString(), clock.instant(), reason, ruleRef,
                survivor.id(), mergedIds, snapshots(participants));
        journal.insert(scope, entry);
        checkpoints.reached("journaled");
        Participant saved;
        try {
            saved = saveSurvivor(scope, entry, participants);
        } catch (VersionConflictException e) {
            // Nothing changed yet, so the journal entry would only describe a merge that never happened.
            journal.delete(scope, entry.id());
            throw new TransientQueueException("merge into profile " + survivor.id() + " not applied: it changed meanwhile", e);
        }
        checkpoints.reached("survivor-saved");
        metrics.meter(MetricRegistry.name("merge", "count", reason.label())).mark();
        LOG.info("merge {} ({}): {} merged into {}", entry.id(), reason, mergedIds, survivor.id());
        finish(scope, entry, 1);
        return new Applied(entry.id(), saved);
    }

    /**
     * Finishes a merge left {@code applied} or {@code repointing}. A survivor that does not hold the merged ids yet
     * was not saved: the merge is computed again from the participants as they are now (they may have changed after
     * the crash), and the snapshots are replaced by those documents so a revert restores what was merged.
     */
    void resume(TenantScope scope, MergeJournalDao.Stored stored) throws TransientQueueException {
        MergeJournalEntry entry = stored.entry();
        int version = stored.rowVersion();
        MergeJournalEntry finishing = entry;
        if (entry.status() == MergeStatus.APPLIED) {
            Optional<Versioned<ObjectNode>> survivor = profiles.get(scope, entry.survivorId());
            boolean saved = survivor.isPresent()
                    && ProfileDocument.of(survivor.get().document()).ids().containsAll(entry.mergedIds());
            if (!saved) {
                List<Participant> participants = new ArrayList<>();
                for (String id : entry.participants()) {
                    Optional<Versioned<ObjectNode>> current = profiles.get(scope, id);
                    participants.add(current.map(Participant::of).orElseGet(() -> new Participant(
                            ProfileDocument.of(entry.snapshots().get(id).deepCopy()), null)));
                }
                MergeJournalEntry refreshed = entry.withSnapshots(snapshots(participants));
                Optional<Integer> next = journal.update(scope, refreshed, version);
                if (next.isEmpty()) {
                    LOG.info("merge {} is being resumed elsewhere", entry.id());
                    return;
                }
                try {
                    saveSurvivor(scope, refreshed, participants);
                } catch (VersionConflictException e) {
                    throw new TransientQueueException("resuming merge " + entry.id() + ": the survivor changed meanwhile", e);
                }
                version = next.get();
                finishing = refreshed;
            }
            LOG.info("resuming merge {} into {} after the profiles step", entry.id(), entry.survivorId());
        } else {
            LOG.info("resuming the re-pointing of merge {} into {}", entry.id(), entry.survivorId());
        }
        finish(scope, finishing, version);
    }

    /** Steps after the survivor is saved: id map, deletions, re-pointing, journal status. */
    private void finish(TenantScope scope, MergeJournalEntry entry, int rowVersion) {
        if (entry.status() == MergeStatus.APPLIED) {
            for (String merged : entry.mergedIds()) {
                idMap.map(scope, merged, entry.survivorId(), idMapTtl);
            }
            for (String merged : entry.mergedIds()) {
                profiles.delete(scope, merged, Refresh.NONE);
                cache.evict(scope, merged);
            }
            cache.evict(scope, entry.survivorId());
            checkpoints.reached("profiles-done");
            entry = entry.withStatus(MergeStatus.REPOINTING);
            Optional<Integer> next = journal.update(scope, entry, rowVersion);
            if (next.isEmpty()) {
                LOG.info("merge {} moved on elsewhere; leaving the re-pointing to that node", entry.id());
                return;
            }
            rowVersion = next.get();
        }
        String primaryId = profiles.get(scope, entry.survivorId())
                .map(stored -> ProfileDocument.of(stored.document()).primaryId()).orElse(null);
        Repointer.Moved moved = repointer.forward(scope, entry.id(),
                new ProfileRef(entry.survivorId(), primaryId), entry.mergedIds());
        MergeJournalEntry complete = entry.withStatus(MergeStatus.COMPLETE)
                .withRepointed(entry.repointedEvents() + moved.events(), entry.repointedSessions() + moved.sessions());
        if (journal.update(scope, complete, rowVersion).isEmpty()) {
            LOG.info("merge {} was completed elsewhere", entry.id());
        }
    }

    /** Saves the merged survivor conditionally on what was read; returns it as stored. */
    private Participant saveSurvivor(TenantScope scope, MergeJournalEntry entry, List<Participant> participants) {
        List<ObjectNode> documents = participants.stream().map(p -> p.profile().json()).toList();
        ObjectNode merged = ProfileMerger.merge(documents, entry.reason(), entry.time());
        Participant survivor = participants.get(0);
        if (survivor.stored() != null) {
            Version version = profiles.replace(scope, merged, survivor.stored(), Refresh.WAIT_FOR);
            return new Participant(ProfileDocument.of(merged), new Versioned<>(survivor.id(), survivor.stored().index(),
                    merged, version.seqNo(), version.primaryTerm()));
        }
        if (profiles.tryCreate(scope, merged, Refresh.WAIT_FOR).isEmpty()) {
            throw new VersionConflictException("profile", survivor.id(), new Version(-1, 0),
                    "created by someone else meanwhile");
        }
        Versioned<ObjectNode> created = profiles.get(scope, survivor.id()).orElseThrow(() -> new IllegalStateException(
                "merge survivor " + survivor.id() + " vanished right after it was created"));
        return new Participant(ProfileDocument.of(created.document()), created);
    }

    private static Map<String, ObjectNode> snapshots(List<Participant> participants) {
        Map<String, ObjectNode> snapshots = new LinkedHashMap<>();
        participants.forEach(p -> snapshots.put(p.id(), p.profile().json().deepCopy()));
        return snapshots;
    }
}
