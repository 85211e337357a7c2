package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.Versioned;

/**
 * Consecutive batches of one key, one profile and one session that a worker thread applies one after another in
 * memory and persists together: each batch starts from the profile and session as the batches before it left them,
 * and only the last state of each is written, once, conditional on the version the first batch read. A visitor
 * whose requests queued up while the worker was behind costs one read and one write of its profile and session
 * instead of one per request.
 *
 * <p>Each batch still counts on its own: its own events, system events, answer and completion record, and its id in
 * the applied-batch rings of profile and session, so that a re-delivery of any of them is recognised. The chain's
 * writes go out in one bulk with its events. A conflict redoes every batch of the chain alone, in order.
 */
final class BatchChain {

    /** A profile or session created in this chain has no stored version yet; its write is a creation. */
    private static final String NOT_STORED = "";

    /** One batch of the chain. */
    record Link(int index, BatchRecord batch, String key, TenantScope scope, String profileId, String sessionId) {
    }

    private final AttemptLocks held;
    private final List<Link> links = new ArrayList<>();
    private final List<BatchProcessor.Prepared> prepared = new ArrayList<>();
    private BatchStorage.Loaded stored;
    /** What the batches prepared so far write: the last session and profile, with the batches' events. */
    private BatchStorage.SessionWrite lastSession;
    private BatchStorage.ProfileWrite lastProfile;
    private ObjectNode pristineProfile;
    private ObjectNode pristineSession;
    private boolean broken;

    /** @param held the locks the first batch holds; the chain's batches share them */
    BatchChain(Link first, AttemptLocks held) {
        this.held = held;
        links.add(first);
    }

    void add(Link link) {
        links.add(link);
    }

    List<Link> links() {
        return links;
    }

    Link first() {
        return links.get(0);
    }

    AttemptLocks held() {
        return held;
    }

    /** Takes what the first batch read; keeps an untouched copy when later batches will need one. */
    void loaded(BatchStorage.Loaded loaded) {
        this.stored = loaded;
        if (links.size() > 1) {
            // Preparing a batch changes its documents in place, also when it then writes neither of them.
            pristineProfile = loaded.profile().map(found -> found.document().deepCopy()).orElse(null);
            pristineSession = loaded.session().map(found -> found.document().deepCopy()).orElse(null);
        }
    }

    /**
     * What the next batch to prepare starts from: for the first, what was read; for a later one, a copy of the
     * profile and session as the batches before it write them (as read, when none of them writes one).
     */
    BatchStorage.Loaded nextLoaded() {
        if (prepared.isEmpty()) {
            return stored;
        }
        return new BatchStorage.Loaded(
                next(lastProfile == null ? null : lastProfile.profile(), pristineProfile, stored.profile()),
                next(lastSession == null ? null : lastSession.session(), pristineSession, stored.session()));
    }

    private static Optional<Versioned<ObjectNode>> next(ObjectNode written, ObjectNode pristine,
                                                        Optional<Versioned<ObjectNode>> read) {
        ObjectNode document = written != null ? written : pristine;
        if (document == null) {
            return Optional.empty();
        }
        // The version only matters to the chain's write, which takes it from what was read.
        return Optional.of(read.map(found -> new Versioned<>(found.id(), found.index(), document.deepCopy(),
                        found.seqNo(), found.primaryTerm()))
                .orElseGet(() -> new Versioned<>(document.path("id").asText(), NOT_STORED, document.deepCopy(), -1, -1)));
    }

    /** Records the next batch as prepared. */
    void prepared(BatchProcessor.Prepared ready) {
        prepared.add(ready);
        BatchStorage.BatchWrite write = ready.write();
        if (write != null) {
            lastSession = write.session() == null ? lastSession : write.session();
            lastProfile = write.profile() == null ? lastProfile : write.profile();
        }
    }

    /** The next batch failed: it and the batches after it are not applied now. */
    void breakOff() {
        broken = true;
    }

    boolean broken() {
        return broken;
    }

    /** The prepared batches, in order. */
    List<BatchProcessor.Prepared> preparedBatches() {
        return prepared;
    }

    /** The links of the prepared batches, in order. */
    List<Link> preparedLinks() {
        return links.subList(0, prepared.size());
    }

    /**
     * The chain's session and profile writes, each of the last state a batch writes, conditional on the version
     * read (a creation when nothing was read); null when no batch writes either.
     */
    BatchStorage.BatchWrite documentWrite() {
        if (lastSession == null && lastProfile == null) {
            return null;
        }
        BatchStorage.SessionWrite session = lastSession == null ? null : new BatchStorage.SessionWrite(
                lastSession.session(), lastSession.start(), stored.session().orElse(null));
        BatchStorage.ProfileWrite profile = lastProfile == null ? null
                : new BatchStorage.ProfileWrite(lastProfile.profile(), stored.profile().orElse(null));
        return new BatchStorage.BatchWrite(first().scope(), List.of(), session, profile);
    }
}
