package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Batch consumers of the worker role. */
public class WorkerConfig {
    @JsonProperty @Min(1) @Max(512) private int threads = 16;
    @JsonProperty @Min(1) private int maxAttempts = 5;
    @JsonProperty @Min(1) private int outboxThreads = 4;
    /**
     * Batches of distinct profiles one thread carries together at most, their reads in one {@code _mget} and their
     * writes in one {@code _bulk}. Groups form only from batches already waiting, so under light load each batch
     * still starts at once on its own thread.
     */
    @JsonProperty @Min(1) @Max(64) private int batchesPerThread = 8;

    public int threads() { return threads; }
    public int maxAttempts() { return maxAttempts; }
    public int outboxThreads() { return outboxThreads; }
    public int batchesPerThread() { return batchesPerThread; }
}
