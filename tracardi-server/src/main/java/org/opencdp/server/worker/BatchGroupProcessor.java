package org.opencdp.server.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.profile.ScopedProfileId;
import org.opencdp.server.queue.HeldBackException;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.VersionConflictException;

/**
 * Processes several batches on one thread, each exactly as {@link BatchProcessor#process} would, but with their reads
 * in one {@code _mget} and their writes in one {@code _bulk}. Elasticsearch charges much less per document in large
 * requests than in small ones, and a worker thread otherwise carries one batch per request: with 16 threads a
 * combined request held at most 16 batches. Consecutive batches of one key, profile and session form a
 * {@link BatchChain}: they are applied one after another in memory and their profile and session written once.
 *
 * <p>Each chain holds its profile's lock from before its read until after its completion records. A batch goes
 * through {@link BatchProcessor#process} on its own, after the group's locks are released, when it cannot share the
 * group: a workflow may run for it (a flow's merge locks other profiles, which may be held by the group), it shares
 * a profile or session with a chain it cannot join, its profile's lock is taken (the group never waits for a lock
 * while it holds others, so two groups can never wait for each other), its chain's write met a conflict (the
 * processor retries it on fresh reads), or an earlier batch of its key or documents goes alone. Batches of one key
 * keep their order: once one fails, the later ones are held back ({@link HeldBackException}).
 *
 * <p>Redis is asked per group, not per batch: the completion records, the id map, the locks, the new completion
 * records and the releases each go in one round trip for the whole group. On two cores every blocking round trip
 * costs two context switches on each side, and a group of 64 batches made some 320 of them one after another.
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

    /** {@link #processAll(List, List)} with each batch's queue key, its {@link BatchRecord#partitionKey()}. */
    public List<Exception> processAll(List<BatchRecord> batches) {
        return processAll(batches, batches.stream().map(BatchRecord::partitionKey).toList());
    }

    /**
     * Processes the batches; returns one outcome per batch, in order: null when it is done, else what
     * {@link BatchProcessor#process} would have thrown for it, or a {@link HeldBackException} when an earlier batch
     * of its key failed.
     *
     * @param keys the queue key of each batch; the batches of one key come in their order
     */
    public List<Exception> processAll(List<BatchRecord> batches, List<String> keys) {
        Exception[] failures = new Exception[batches.size()];
        List<Integer> alone = new ArrayList<>();
        List<BatchChain> chains = new ArrayList<>();
        try {
            TenantScope[] scopes = scopes(batches, failures);
            GroupLookups found;
            try {
                found = GroupLookups.lookUp(batches, scopes, flows, completions, processor);
            } catch (RuntimeException e) {
                // Nothing was started: every batch is retried.
                for (int i = 0; i < failures.length; i++) {
                    failures[i] = failures[i] != null ? failures[i] : BatchProcessor.queueFailure(e);
                }
                return Arrays.asList(failures);
            }
            Claims claims = new Claims();
            Set<String> failedKeys = new HashSet<>();
            for (int i = 0; i < batches.size(); i++) {
                if (failedKeys.contains(keys.get(i))) {
                    failures[i] = heldBack(keys.get(i));
                } else if (scopes[i] == null) {
                    failedKeys.add(keys.get(i));
                } else if (!join(i, batches.get(i), scopes[i], keys.get(i), claims, chains, found)) {
                    alone.add(i);
                }
            }
            alone.addAll(lock(chains, failures));
            alone.addAll(run(chains, failures));
        } finally {
            List<ProfileLocks.Lease> held = new ArrayList<>();
            chains.forEach(chain -> held.addAll(chain.held().handOver()));
            locks.releaseAll(held);
        }
        processAlone(batches, keys, alone, failures);
        return Arrays.asList(failures);
    }

    /** Each batch's tenant scope; null, with the failure recorded, for a batch that names none this server knows. */
    private static TenantScope[] scopes(List<BatchRecord> batches, Exception[] failures) {
        TenantScope[] scopes = new TenantScope[batches.size()];
        for (int i = 0; i < scopes.length; i++) {
            try {
                scopes[i] = BatchProcessor.scopeOf(batches.get(i));
            } catch (RuntimeException e) {
                failures[i] = e;
            }
        }
        return scopes;
    }

    /**
     * Takes the chains' profile locks, all in one round trip. A chain whose lock another holder has goes alone, whole
     * and in order; when the locks cannot be taken at all, its first batch fails (it is retried) and the rest are held
     * back. Returns the indexes of the batches to process alone.
     */
    private List<Integer> lock(List<BatchChain> chains, Exception[] failures) {
        List<Integer> alone = new ArrayList<>();
        List<BatchChain> locking = chains.stream().filter(chain -> chain.first().profileId() != null).toList();
        if (locking.isEmpty()) {
            return alone;
        }
        List<Optional<ProfileLocks.Lease>> taken;
        try {
            taken = locks.tryAcquireEach(locking.stream()
                    .map(chain -> new ScopedProfileId(chain.first().scope(), chain.first().profileId())).toList());
        } catch (TransientQueueException e) {
            for (BatchChain chain : locking) {
                failures[chain.first().index()] = e;
                chain.links().stream().skip(1).forEach(link -> failures[link.index()] = heldBack(link.key()));
            }
            chains.removeAll(locking);
            return alone;
        }
        for (int c = 0; c < locking.size(); c++) {
            BatchChain chain = locking.get(c);
            if (taken.get(c).isPresent()) {
                chain.held().hold(taken.get(c).get());
            } else {
                // Never wait for a lock while holding the group's others: the chain waits for it alone.
                chain.links().forEach(link -> alone.add(link.index()));
                chains.remove(chain);
            }
        }
        return alone;
    }

    /** The batches of the group that go alone, in order; a batch behind a failed one of its key is held back. */
    private void processAlone(List<BatchRecord> batches, List<String> keys, List<Integer> alone, Exception[] failures) {
        Set<Integer> going = new HashSet<>(alone);
        Set<String> blocked = new HashSet<>();
        for (int i = 0; i < failures.length; i++) {
            if (!going.contains(i)) {
                if (failures[i] != null) {
                    blocked.add(keys.get(i));
                }
            } else if (blocked.contains(keys.get(i))) {
                failures[i] = heldBack(keys.get(i));
            } else {
                try {
                    processor.process(batches.get(i));
                } catch (Exception e) {
                    failures[i] = e;
                    blocked.add(keys.get(i));
                }
            }
        }
    }

    private static HeldBackException heldBack(String key) {
        return new HeldBackException("an earlier batch of key " + key + " failed");
    }

    /**
     * Which chain holds each key and document (profile, session) of the group, and which of them a batch going
     * alone holds: every later batch touching one of those goes alone too, after it.
     */
    private static final class Claims {
        private final Map<String, BatchChain> chains = new HashMap<>();
        private final Set<String> alone = new HashSet<>();

        boolean anyAlone(List<String> names) {
            return names.stream().anyMatch(alone::contains);
        }

        void alone(List<String> names) {
            alone.addAll(names);
        }

        BatchChain chain(String name) {
            return name == null ? null : chains.get(name);
        }

        void claim(List<String> names, BatchChain chain) {
            names.forEach(name -> chains.put(name, chain));
        }
    }

    /** Adds the batch to a chain of the group (a new one or the one of its key) and returns true, or false when it must go alone. */
    private boolean join(int index, BatchRecord batch, TenantScope scope, String key, Claims claims, List<BatchChain> chains,
                         GroupLookups found) {
        String keyName = "k/" + key;
        if (flows.mayRunWorkflows(scope) || claims.anyAlone(List.of(keyName))) {
            claims.alone(List.of(keyName));
            return false;
        }
        if (found.done(index)) {
            return true;  // a re-delivery with nothing left to do
        }
        String profileId = found.profileId(index);
        String sessionId = batch.resolution().sessionId();
        String profileName = profileId == null ? null : name(scope, "p", profileId);
        String sessionName = sessionId == null ? null : name(scope, "s", sessionId);
        List<String> names = new ArrayList<>(3);
        names.add(keyName);
        if (profileName != null) {
            names.add(profileName);
        }
        if (sessionName != null) {
            names.add(sessionName);
        }
        if (claims.anyAlone(names)) {
            claims.alone(names);
            return false;
        }
        BatchChain.Link link = new BatchChain.Link(index, batch, key, scope, profileId, sessionId);
        BatchChain byKey = claims.chain(keyName);
        BatchChain byProfile = claims.chain(profileName);
        BatchChain bySession = claims.chain(sessionName);
        if (byKey == null && byProfile == null && bySession == null) {
            // Its profile's lock is taken later, with the other chains' (lock()).
            BatchChain chain = new BatchChain(link, new AttemptLocks());
            chains.add(chain);
            claims.claim(names, chain);
            return true;
        }
        // The next batch of a visitor: same key, same profile, same session (or none on both).
        BatchChain.Link last = byKey == null ? null : byKey.links().get(byKey.links().size() - 1);
        if (profileId != null && byKey == byProfile
                && (sessionId == null ? last.sessionId() == null : byKey == bySession)) {
            byKey.add(link);
            return true;
        }
        claims.alone(names);
        return false;
    }

    private static String name(TenantScope scope, String kind, String id) {
        return kind + "/" + scope.tenant() + "/" + scope.context() + "/" + id;
    }

    /** Reads, prepares, writes and completes the chains; returns the indexes of the batches to redo alone. */
    private List<Integer> run(List<BatchChain> chains, Exception[] failures) {
        List<Integer> redo = new ArrayList<>();
        if (chains.isEmpty()) {
            return redo;
        }
        List<BatchStorage.Loaded> loaded;
        try {
            loaded = storage.loadAll(chains.stream().map(chain -> processor.loadRequest(chain.first().scope(),
                    chain.first().batch(), chain.first().profileId())).toList());
        } catch (RuntimeException e) {
            chains.forEach(chain -> chain.links().forEach(link -> failures[link.index()] = BatchProcessor.queueFailure(e)));
            return redo;
        }
        for (int c = 0; c < chains.size(); c++) {
            prepare(chains.get(c), loaded.get(c), failures);
        }
        // Per chain: each batch's events (null when it writes nothing), then its session and profile (null when none).
        List<BatchStorage.BatchWrite> writes = new ArrayList<>();
        List<int[]> slices = new ArrayList<>();
        for (BatchChain chain : chains) {
            int from = writes.size();
            for (BatchProcessor.Prepared ready : chain.preparedBatches()) {
                writes.add(ready.write() == null || ready.write().events().isEmpty() ? null
                        : new BatchStorage.BatchWrite(ready.scope(), ready.write().events(), null, null));
            }
            writes.add(chain.documentWrite());
            slices.add(new int[] {from, writes.size()});
        }
        List<BatchStorage.WriteOutcome> written;
        try {
            written = writeAll(writes);
        } catch (RuntimeException e) {
            chains.forEach(chain -> chain.preparedLinks().forEach(link -> failures[link.index()] = BatchProcessor.queueFailure(e)));
            return redo;
        }
        List<Integer> completing = new ArrayList<>();
        List<CompletionRecords.Completion> records = new ArrayList<>();
        for (int c = 0; c < chains.size(); c++) {
            finish(chains.get(c), written.subList(slices.get(c)[0], slices.get(c)[1]), failures, redo, completing, records);
        }
        try {
            completions.completeAll(records);
        } catch (RuntimeException e) {
            // Written but not completed: a re-delivery finds them in the applied-batch rings and writes nothing.
            completing.forEach(index -> failures[index] = BatchProcessor.queueFailure(e));
        }
        return redo;
    }

    /** The writes in one bulk, the null ones left out; one outcome per write, null for a null one. */
    private List<BatchStorage.WriteOutcome> writeAll(List<BatchStorage.BatchWrite> writes) {
        List<BatchStorage.BatchWrite> sent = writes.stream().filter(write -> write != null).toList();
        List<BatchStorage.WriteOutcome> results = sent.isEmpty() ? List.of() : storage.writeAll(sent);
        List<BatchStorage.WriteOutcome> outcomes = new ArrayList<>(writes.size());
        int at = 0;
        for (BatchStorage.BatchWrite write : writes) {
            outcomes.add(write == null ? null : results.get(at++));
        }
        return outcomes;
    }

    /** Prepares the chain's batches in order; a failure holds back the batches after it. */
    private void prepare(BatchChain chain, BatchStorage.Loaded loaded, Exception[] failures) {
        chain.loaded(loaded);
        for (BatchChain.Link link : chain.links()) {
            if (chain.broken()) {
                failures[link.index()] = heldBack(link.key());
                continue;
            }
            try {
                chain.prepared(processor.prepare(link.scope(), link.batch(), link.profileId(), chain.held(), chain.nextLoaded()));
            } catch (Exception e) {
                failures[link.index()] = BatchProcessor.queueFailure(e);
                chain.breakOff();
            }
        }
    }

    /**
     * The completion records of the chain's prepared batches once its writes are done (added to {@code records}, their
     * indexes to {@code completing}), or the batches to redo alone.
     */
    private void finish(BatchChain chain, List<BatchStorage.WriteOutcome> outcomes, Exception[] failures, List<Integer> redo,
                        List<Integer> completing, List<CompletionRecords.Completion> records) {
        List<BatchChain.Link> links = chain.preparedLinks();
        BatchStorage.WriteOutcome documents = outcomes.get(outcomes.size() - 1);
        RuntimeException failure = documents == null ? null : documents.failure();
        if (failure != null) {
            if (failure instanceof VersionConflictException || links.size() > 1) {
                // A conflict is redone on fresh reads; another failure of several batches' documents is found out
                // by redoing them one by one, so that only the batch at fault counts an attempt.
                links.forEach(link -> redo.add(link.index()));
            } else {
                failures[links.get(0).index()] = failure;
            }
            return;
        }
        List<BatchProcessor.Prepared> prepared = chain.preparedBatches();
        for (int j = 0; j < links.size(); j++) {
            BatchChain.Link link = links.get(j);
            BatchStorage.WriteOutcome events = outcomes.get(j);
            try {
                BatchOutcome outcome = processor.finish(prepared.get(j), events == null ? null : events.events());
                records.add(processor.completion(link.scope(), link.batch(), outcome));
                completing.add(link.index());
            } catch (RuntimeException e) {
                failures[link.index()] = BatchProcessor.queueFailure(e);
            }
        }
    }
}
