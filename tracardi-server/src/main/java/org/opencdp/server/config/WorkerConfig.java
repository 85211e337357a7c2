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
     * Queue keys (visitors) one thread carries together at most, and queued batches of each key: their reads in one
     * {@code _mget}, their writes in one {@code _bulk}, and a key's consecutive batches applied one after another with
     * one write of their profile and session. Groups form only from batches already waiting, so under light load each
     * batch still starts at once on its own thread. 1 turns grouping off.
     */
    @JsonProperty @Min(1) @Max(64) private int batchesPerThread = 8;

    public int threads() { return threads; }
    public int maxAttempts() { return maxAttempts; }
    public int outboxThreads() { return outboxThreads; }
    public int batchesPerThread() { return batchesPerThread; }
}
