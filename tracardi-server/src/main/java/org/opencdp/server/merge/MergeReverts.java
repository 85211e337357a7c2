package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.lock.ProfileLocks.Lease;
import org.opencdp.server.profile.ProfileCache;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.profile.ProfileRef;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.VersionConflictException;
import org.opencdp.server.storage.elastic.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverts a merge (processing §10.6): only the newest merge not yet reverted that involves its profiles (last in,
 * first out). Recreates the merged-away profiles from their snapshots, takes their part back out of the survivor
 * ({@link MergeReverter}), moves back the events and sessions the merge moved and removes the id-map entries.
 * Events that arrived after the merge stay with the survivor. Repeating a revert that stopped half way is safe.
 */
public final class MergeReverts {

    private static final Logger LOG = LoggerFactory.getLogger(MergeReverts.class);

    private final MergeJournalDao journal;
    private final ProfileStore profiles;
    private final ProfileLocks locks;
    private final ProfileIdMap idMap;
    private final ProfileCache cache;
    private final Repointer repointer;
    private final Clock clock;

    MergeReverts(MergeJournalDao journal, ProfileStore profiles, ProfileLocks locks, ProfileIdMap idMap, ProfileCache cache,
                 Repointer repointer, Clock clock) {
        this.journal = journal;
        this.profiles = profiles;
        this.locks = locks;
        this.idMap = idMap;
        this.cache = cache;
        this.repointer = repointer;
        this.clock = clock;
    }

    /**
     * Reverts the merge; returns the restored profile ids, or empty when there is no such merge.
     *
     * @param by who asked (the user's e-mail), kept in the journal
     * @throws MergeNotRevertibleException when it is reverted already, still being applied, or not the latest
     * @throws TransientQueueException     when a profile's lock is not free now
     */
    public Optional<List<String>> revert(TenantScope scope, String mergeId, String by)
            throws MergeNotRevertibleException, TransientQueueException {
        Optional<MergeJournalDao.Stored> found = journal.find(scope, mergeId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<Lease> held = locks.acquireAll(scope, found.get().entry().participants());
        try {
            MergeJournalDao.Stored stored = journal.find(scope, mergeId).orElseThrow(
                    () -> new MergeNotRevertibleException("Merge " + mergeId + " was removed meanwhile"));
            MergeJournalEntry entry = stored.entry();
            checkRevertible(scope, entry);
            Versioned<ObjectNode> survivor = profiles.get(scope, entry.survivorId()).orElseThrow(() ->
                    new MergeNotRevertibleException("Survivor " + entry.survivorId() + " of merge " + mergeId + " no longer exists"));
            Map<String, ProfileRef> restored = new LinkedHashMap<>();
            List<ObjectNode> mergedSnapshots = new ArrayList<>();
            for (String id : entry.mergedIds()) {
                ObjectNode snapshot = entry.snapshots().get(id);
                if (snapshot == null) {
                    throw new MergeNotRevertibleException("Merge " + mergeId + " has no snapshot of profile " + id);
                }
                mergedSnapshots.add(snapshot);
                profiles.save(scope, snapshot.deepCopy(), Refresh.NONE);
                cache.evict(scope, id);
                restored.put(id, ProfileDocument.of(snapshot.deepCopy()).ref());
            }
            takeBackFromSurvivor(scope, entry, survivor, mergedSnapshots);
            Repointer.Moved moved = repointer.back(scope, mergeId, entry.survivorId(), restored);
            idMap.forget(scope, entry.survivorId(), entry.mergedIds());
            Instant now = clock.instant();
            if (journal.update(scope, entry.reverted(now, by), stored.rowVersion()).isEmpty()) {
                throw new MergeNotRevertibleException("Merge " + mergeId + " changed while it was being reverted; try again");
            }
            LOG.info("merge {} reverted by {}: {} restored, {} events and {} sessions moved back", mergeId, by,
                    entry.mergedIds(), moved.events(), moved.sessions());
            return Optional.of(entry.mergedIds());
        } finally {
            held.forEach(Lease::close);
        }
    }

    private void checkRevertible(TenantScope scope, MergeJournalEntry entry) throws MergeNotRevertibleException {
        if (entry.status() == MergeStatus.REVERTED) {
            throw new MergeNotRevertibleException("Merge " + entry.id() + " is reverted already");
        }
        if (entry.status().unfinished()) {
            throw new MergeNotRevertibleException("Merge " + entry.id() + " is still being applied (" + entry.status().label()
                    + "); try again when it is complete");
        }
        for (String profileId : entry.participants()) {
            Optional<MergeJournalEntry> latest = journal.latestNotReverted(scope, profileId);
            if (latest.isPresent() && !latest.get().id().equals(entry.id())) {
                throw new MergeNotRevertibleException("Merge " + entry.id() + " is not the latest merge of profile " + profileId
                        + ": revert merge " + latest.get().id() + " first");
            }
        }
    }

    /** Step 3; skipped when the survivor no longer holds the merged ids (an earlier attempt did it). */
    private void takeBackFromSurvivor(TenantScope scope, MergeJournalEntry entry, Versioned<ObjectNode> survivor,
                                      List<ObjectNode> mergedSnapshots) throws MergeNotRevertibleException {
        ProfileDocument current = ProfileDocument.of(survivor.document());
        if (entry.mergedIds().stream().noneMatch(current::hasId)) {
            return;
        }
        ObjectNode snapshot = entry.snapshots().get(entry.survivorId());
        if (snapshot == null) {
            throw new MergeNotRevertibleException("Merge " + entry.id() + " has no snapshot of its survivor");
        }
        ObjectNode reverted = MergeReverter.revert(survivor.document(), snapshot, mergedSnapshots, entry.time(), clock.instant());
        try {
            profiles.replace(scope, reverted, survivor, Refresh.WAIT_FOR);
        } catch (VersionConflictException e) {
            throw new MergeNotRevertibleException("Survivor " + entry.survivorId() + " changed during the revert; try again");
        }
        cache.evict(scope, entry.survivorId());
    }
}
