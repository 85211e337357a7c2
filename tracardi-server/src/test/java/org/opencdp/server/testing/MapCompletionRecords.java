package org.opencdp.server.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.storage.TenantScope;

/** Completion records in a map (by batch id), so that a test can read them or lose one on purpose. */
public final class MapCompletionRecords implements CompletionRecords {

    private final Map<String, String> records = new ConcurrentHashMap<>();

    /** The records by batch id; removing one makes its batch look never completed. */
    public Map<String, String> records() {
        return records;
    }

    @Override
    public void complete(TenantScope scope, String batchId, String recordJson) {
        records.put(batchId, recordJson);
    }

    @Override
    public Optional<String> find(TenantScope scope, String batchId) {
        return Optional.ofNullable(records.get(batchId));
    }

    @Override
    public CompletableFuture<Optional<String>> await(TenantScope scope, String batchId, Duration timeout) {
        return CompletableFuture.completedFuture(find(scope, batchId));
    }

    @Override
    public int awaiting() {
        return 0;
    }
}
