package org.opencdp.server.completion;

import java.time.Duration;
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

    /**
     * Completes with the record once it exists, or with empty after {@code timeout}. Never blocks the
     * caller's thread; the record may already exist when this is called.
     */
    CompletableFuture<Optional<String>> await(TenantScope scope, String batchId, Duration timeout);

    /** Awaits not yet completed on this node, for back-pressure. */
    int awaiting();
}
