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
import org.opencdp.server.queue.HeldBackException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.BulkResult;
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
            Claims claims = new Claims();
            Set<String> failedKeys = new HashSet<>();
            for (int i = 0; i < batches.size(); i++) {
                if (failedKeys.contains(keys.get(i))) {
                    failures[i] = heldBack(keys.get(i));
                    continue;
                }
                try {
                    if (!join(i, batches.get(i), keys.get(i), claims, chains)) {
                        alone.add(i);
                    }
                } catch (Exception e) {
                    failures[i] = BatchProcessor.queueFailure(e);
                    failedKeys.add(keys.get(i));
                }
            }
            alone.addAll(run(chains, failures));
        } finally {
            chains.forEach(chain -> chain.held().close());
        }
        processAlone(batches, keys, alone, failures);
        return Arrays.asList(failures);
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
    private boolean join(int index, BatchRecord batch, String key, Claims claims, List<BatchChain> chains) throws Exception {
        TenantScope scope = BatchProcessor.scopeOf(batch);
        String keyName = "k/" + key;
        if (flows.mayRunWorkflows(scope) || claims.anyAlone(List.of(keyName))) {
            claims.alone(List.of(keyName));
            return false;
        }
        if (completions.find(scope, batch.batchId()).isPresent()) {
            return true;  // a re-delivery with nothing left to do
        }
        String profileId = batch.profileLess() ? null : processor.current(scope, batch.resolution().profileId());
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
            AttemptLocks held = new AttemptLocks();
            if (profileId != null) {
                // Never wait for a lock while holding the group's others: a taken lock sends the batch to wait alone.
                Optional<ProfileLocks.Lease> lease = locks.tryAcquire(scope, profileId);
                if (lease.isEmpty()) {
                    claims.alone(names);
                    return false;
                }
                held.hold(lease.get());
            }
            BatchChain chain = new BatchChain(link, held);
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
        for (int c = 0; c < chains.size(); c++) {
            finish(chains.get(c), written.subList(slices.get(c)[0], slices.get(c)[1]), failures, redo);
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

    /** Completes the chain's prepared batches once its writes are done, or sends them to be redone alone. */
    private void finish(BatchChain chain, List<BatchStorage.WriteOutcome> outcomes, Exception[] failures, List<Integer> redo) {
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
            BatchStorage.WriteOutcome events = outcomes.get(j);
            complete(links.get(j), prepared.get(j), events == null ? null : events.events(), failures);
        }
    }

    private void complete(BatchChain.Link link, BatchProcessor.Prepared prepared, BulkResult events, Exception[] failures) {
        try {
            processor.complete(link.scope(), link.batch(), processor.finish(prepared, events));
        } catch (RuntimeException e) {
            failures[link.index()] = BatchProcessor.queueFailure(e);
        }
    }
}
