package org.opencdp.server.merge;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.lock.ProfileLocks.Lease;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticSchemaException;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.VersionConflictException;
import org.opencdp.server.storage.elastic.Versioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of Automatic Profile Merging over one tenant and context (processing §10.7): merges each profile
 * carrying the APM marker with the profiles sharing any of its hashed ids (reason {@code apm}, guard on) and clears
 * the marker; then the watchdog merges the profiles behind hashed ids that several profiles hold without a marker.
 * Bounded: at most {@link #MARKED_PER_PASS} marked profiles and {@link #SHARED_PER_PASS} shared ids per pass; the
 * next pass continues. Hashes of blocklisted values never count as shared.
 */
public final class ApmPass {

    static final int MARKED_PER_PASS = 1000;
    static final int SHARED_PER_PASS = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ApmPass.class);

    /** What one pass did in one scope. */
    public record Result(int checked, int merges, int markersCleared, int recovered) {
    }

    private final MergeService service;
    private final MergeRecovery recovery;
    private final ProfileFinder finder;
    private final ProfileStore profiles;
    private final ProfileLocks locks;
    private final MergeGuard guard;
    private final Set<String> blockedHashes;
    private final MetricRegistry metrics;

    ApmPass(MergeService service, MergeRecovery recovery, ProfileFinder finder, ProfileStore profiles, ProfileLocks locks,
            MergeGuard guard, HashedIds hashes, List<String> blocklist, MetricRegistry metrics) {
        this.service = service;
        this.recovery = recovery;
        this.finder = finder;
        this.profiles = profiles;
        this.locks = locks;
        this.guard = guard;
        this.blockedHashes = blockedHashes(hashes, blocklist);
        this.metrics = metrics;
    }

    /** Runs the pass; a scope without a profile index yet is skipped. */
    public Result run(TenantScope scope) {
        try {
            int recovered = recovery.resumeAbandoned(scope, MergeRecovery.ABANDONED_AFTER, 100);
            int checked = 0;
            int merges = 0;
            int cleared = 0;
            for (String id : finder.marked(scope, MARKED_PER_PASS)) {
                checked++;
                switch (mergeMarked(scope, id)) {
                    case MERGED -> merges++;
                    case CLEARED -> cleared++;
                    case SKIPPED -> { }
                }
            }
            for (String shared : finder.sharedHashedIds(scope, SHARED_PER_PASS + blockedHashes.size())) {
                if (!blockedHashes.contains(shared) && mergeSharing(scope, shared)) {
                    merges++;
                }
            }
            metrics.meter("apm.profiles.checked").mark(checked);
            metrics.meter("apm.merges").mark(merges);
            if (checked + merges + recovered > 0) {
                LOG.info("apm pass {}: {} marked profiles checked, {} merges, {} markers cleared, {} merges resumed",
                        scope, checked, merges, cleared, recovered);
            }
            return new Result(checked, merges, cleared, recovered);
        } catch (ElasticSchemaException e) {
            return new Result(0, 0, 0, 0);
        }
    }

    private enum Handled { MERGED, CLEARED, SKIPPED }

    private Handled mergeMarked(TenantScope scope, String id) {
        Optional<Versioned<ObjectNode>> found = finder.get(scope, id);
        if (found.isEmpty()) {
            return Handled.SKIPPED;
        }
        List<String> hashed = ProfileDocument.of(found.get().document()).ids().stream()
                .filter(candidate -> ProfileFinder.HASHED_ID.matcher(candidate).matches())
                .filter(candidate -> !blockedHashes.contains(candidate))
                .toList();
        List<String> ids = new ArrayList<>();
        ids.add(id);
        finder.sharingIds(scope, id, hashed, guard.maxCandidates() + 1).forEach(candidate -> ids.add(candidate.id()));
        try {
            if (ids.size() > 1 && service.merge(scope, MergeReason.APM, ids, null).merged()) {
                return Handled.MERGED;
            }
            return clearMarker(scope, id) ? Handled.CLEARED : Handled.SKIPPED;
        } catch (TransientQueueException e) {
            LOG.debug("apm: profile {} is busy, left for the next pass: {}", id, e.getMessage());
            return Handled.SKIPPED;
        }
    }

    /** The watchdog: merges the profiles that hold {@code hashedId}, the one that would survive as the guard's anchor. */
    private boolean mergeSharing(TenantScope scope, String hashedId) {
        List<ProfileDocument> holders = finder.sharingIds(scope, null, List.of(hashedId), guard.maxCandidates() + 2).stream()
                .map(stored -> ProfileDocument.of(stored.document())).toList();
        if (holders.size() < 2) {
            return false;
        }
        List<String> ids = new ArrayList<>();
        SurvivorChoice.survivorFirst(SurvivorChoice.choose(holders), holders).forEach(profile -> ids.add(profile.id()));
        try {
            return service.merge(scope, MergeReason.APM, ids, null).merged();
        } catch (TransientQueueException e) {
            LOG.debug("apm: profiles sharing {} are busy, left for the next pass", hashedId);
            return false;
        }
    }

    /** Empties the marker of a profile nothing was merged into; false when it changed meanwhile. */
    private boolean clearMarker(TenantScope scope, String id) throws TransientQueueException {
        Lease lease = locks.acquire(scope, id);
        try {
            Optional<Versioned<ObjectNode>> current = profiles.get(scope, id);
            if (current.isEmpty()) {
                return false;
            }
            ObjectNode document = current.get().document();
            ObjectNode aux = ProfileMerger.object(ProfileMerger.object(ProfileMerger.object(document, "metadata"), "system"), "aux");
            if (!(aux.get("auto_merge") instanceof ArrayNode marker) || marker.isEmpty()) {
                return false;
            }
            aux.putArray("auto_merge");
            profiles.replace(scope, document, current.get(), Refresh.NONE);
            return true;
        } catch (VersionConflictException e) {
            return false;
        } finally {
            lease.close();
        }
    }

    private static Set<String> blockedHashes(HashedIds hashes, List<String> blocklist) {
        Set<String> blocked = new HashSet<>();
        if (hashes != null) {
            for (String field : HashedIds.MERGING_KEYS.keySet()) {
                blocklist.forEach(value -> hashes.hash(field, value).ifPresent(blocked::add));
            }
        }
        return blocked;
    }
}
