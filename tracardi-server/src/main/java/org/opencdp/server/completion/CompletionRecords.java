package org.opencdp.server.completion;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.opencdp.server.storage.TenantScope;

/**
 * The results workers leave for collectors (processing §2.3): {@code {prefix}:done:{batch}} (10 min) plus a
 * notification on the global channel {@code {keyPrefix}:done}. A collector awaits only the batches it
 * enqueued itself; the others' notifications are ignored.
 */
public interface CompletionRecords {

    /** Stores the record of a processed batch and notifies every collector. */
    void complete(TenantScope scope, String batchId, String recordJson);

    /** The stored record, e.g. to skip a re-delivered batch that was already completed. */
    Optional<String> find(TenantScope scope, String batchId);

    /** A processed batch and its record, for {@link #completeAll}. */
    record Completion(BatchRef batch, String recordJson) {
    }

    /**
     * Stores the records of several processed batches and notifies every collector of each, as {@link #complete}
     * does one by one. A store that can does it in one round trip: a worker completes a whole group at once.
     */
    default void completeAll(List<Completion> completed) {
        completed.forEach(done -> complete(done.batch().scope(), done.batch().batchId(), done.recordJson()));
    }

    /** The stored records of several batches, in their order (empty where none); in one round trip where the store can. */
    default List<Optional<String>> findAll(List<BatchRef> batches) {
        return batches.stream().map(batch -> find(batch.scope(), batch.batchId())).toList();
    }

    /**
     * Completes with the record once it exists, or with empty after {@code timeout}. Never blocks the
     * caller's thread; the record may already exist when this is called.
     */
    CompletableFuture<Optional<String>> await(TenantScope scope, String batchId, Duration timeout);

    /** Awaits not yet completed on this node, for back-pressure. */
    int awaiting();
}
