package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Batch consumers of the worker role. */
public class WorkerConfig {
    @JsonProperty @Min(1) @Max(512) private int threads = 16;
    @JsonProperty @Min(1) private int maxAttempts = 5;
    @JsonProperty @Min(1) private int outboxThreads = 4;

    public int threads() { return threads; }
    public int maxAttempts() { return maxAttempts; }
    public int outboxThreads() { return outboxThreads; }
}
