package org.opencdp.server.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.BulkResult;
import org.opencdp.server.storage.elastic.VersionConflictException;

/**
 * Processes several batches of distinct profiles on one thread, each exactly as {@link BatchProcessor#process}
 * would, but with their reads in one {@code _mget} and their writes in one {@code _bulk}. Elasticsearch charges
 * much less per document in large requests than in small ones, and a worker thread otherwise carries one batch
 * per request: with 16 threads a combined request held at most 16 batches.
 *
 * <p>Each batch holds its own profile's lock from before its read until after its completion record. A batch
 * goes through {@link BatchProcessor#process} on its own, after the group's locks are released, when it cannot
 * share the group: a workflow may run for it (a flow's merge locks other profiles, which may be held by the
 * group), it shares a profile or session with an earlier batch of the group, its profile's lock is taken (the group
 * never waits for a lock while it holds others, so two groups can never wait for each other), or its write met a
 * conflict (the processor retries it on fresh reads).
 */
public final class BatchGroupProcessor {

    private final BatchProcessor processor;
    private final BatchStorage storage;
    private final ProfileLocks locks;
    private final CompletionRecords completions;
    private final BatchFlows flows;

    public BatchGroupProcessor(BatchProcessor processor, BatchStorage storage, ProfileLocks locks,
                               CompletionRecords completions, BatchFlows flows) {
        this.processor = processor;
        this.storage = storage;
        this.locks = locks;
        this.completions = completions;
        this.flows = flows;
    }

    /** One batch of the group, with the lock it holds. */
    private record Member(int index, BatchRecord batch, TenantScope scope, String profileId, AttemptLocks held) {
    }

    /**
     * Processes the batches; returns one outcome per batch, in order: null when it is done, else what
     * {@link BatchProcessor#process} would have thrown for it.
     */
    public List<Exception> processAll(List<BatchRecord> batches) {
        Exception[] failures = new Exception[batches.size()];
        List<Integer> alone = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        try {
            Set<String> claimed = new HashSet<>();
            for (int i = 0; i < batches.size(); i++) {
                try {
                    Member member = join(i, batches.get(i), claimed);
                    if (member == null) {
                        alone.add(i);
                    } else if (member != DONE) {
                        members.add(member);
                    }
                } catch (Exception e) {
                    failures[i] = BatchProcessor.queueFailure(e);
                }
            }
            alone.addAll(run(members, failures));
        } finally {
            members.forEach(member -> member.held().close());
        }
        alone.sort(null);
        for (int i : alone) {
            try {
                processor.process(batches.get(i));
                failures[i] = null;
            } catch (Exception e) {
                failures[i] = e;
            }
        }
        return Arrays.asList(failures);
    }

    /** Marks a batch whose completion record exists: a re-delivery with nothing left to do. */
    private static final Member DONE = new Member(-1, null, null, null, null);

    /** The batch as a member of the group, holding its lock; null when it must go alone; {@link #DONE} when done. */
    private Member join(int index, BatchRecord batch, Set<String> claimed) throws Exception {
        TenantScope scope = BatchProcessor.scopeOf(batch);
        if (flows.mayRunWorkflows(scope)) {
            return null;
        }
        if (completions.find(scope, batch.batchId()).isPresent()) {
            return DONE;
        }
        String profileId = batch.profileLess() ? null : processor.current(scope, batch.resolution().profileId());
        String sessionId = batch.resolution().sessionId();
        // Two batches of one profile or session must see each other's writes: the later one goes alone, after.
        if ((profileId != null && claimed.contains(key(scope, "p", profileId)))
                || (sessionId != null && claimed.contains(key(scope, "s", sessionId)))) {
            return null;
        }
        AttemptLocks held = new AttemptLocks();
        if (profileId != null) {
            // Never wait for a lock while holding the group's others: a taken lock sends the batch to wait alone.
            Optional<ProfileLocks.Lease> lease = locks.tryAcquire(scope, profileId);
            if (lease.isEmpty()) {
                return null;
            }
            held.hold(lease.get());
            claimed.add(key(scope, "p", profileId));
        }
        if (sessionId != null) {
            claimed.add(key(scope, "s", sessionId));
        }
        return new Member(index, batch, scope, profileId, held);
    }

    private static String key(TenantScope scope, String kind, String id) {
        return scope.tenant() + "/" + scope.context() + "/" + kind + "/" + id;
    }

    /** Reads, prepares, writes and completes the members; returns the indexes of those to redo alone. */
    private List<Integer> run(List<Member> members, Exception[] failures) {
        List<Integer> redo = new ArrayList<>();
        if (members.isEmpty()) {
            return redo;
        }
        List<BatchStorage.Loaded> loaded;
        try {
            loaded = storage.loadAll(members.stream()
                    .map(member -> processor.loadRequest(member.scope(), member.batch(), member.profileId())).toList());
        } catch (RuntimeException e) {
            members.forEach(member -> failures[member.index()] = BatchProcessor.queueFailure(e));
            return redo;
        }
        List<Member> writing = new ArrayList<>();
        List<BatchProcessor.Prepared> prepared = new ArrayList<>();
        for (int j = 0; j < members.size(); j++) {
            Member member = members.get(j);
            try {
                BatchProcessor.Prepared ready = processor.prepare(member.scope(), member.batch(), member.profileId(),
                        member.held(), loaded.get(j));
                if (ready.replayed() != null || ready.write().isEmpty()) {
                    complete(member, ready, null, failures);
                } else {
                    writing.add(member);
                    prepared.add(ready);
                }
            } catch (Exception e) {
                failures[member.index()] = BatchProcessor.queueFailure(e);
            }
        }
        if (writing.isEmpty()) {
            return redo;
        }
        List<BatchStorage.WriteOutcome> written;
        try {
            written = storage.writeAll(prepared.stream().map(BatchProcessor.Prepared::write).toList());
        } catch (RuntimeException e) {
            writing.forEach(member -> failures[member.index()] = BatchProcessor.queueFailure(e));
            return redo;
        }
        for (int j = 0; j < writing.size(); j++) {
            Member member = writing.get(j);
            BatchStorage.WriteOutcome outcome = written.get(j);
            if (outcome.failure() instanceof VersionConflictException) {
                redo.add(member.index());
            } else if (outcome.failure() != null) {
                failures[member.index()] = outcome.failure();
            } else {
                complete(member, prepared.get(j), outcome.events(), failures);
            }
        }
        return redo;
    }

    private void complete(Member member, BatchProcessor.Prepared prepared, BulkResult events,
                          Exception[] failures) {
        try {
            processor.complete(member.scope(), member.batch(), processor.finish(prepared, events));
        } catch (RuntimeException e) {
            failures[member.index()] = BatchProcessor.queueFailure(e);
        }
    }
}
