package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** Limits of one workflow run. */
public class WorkflowConfig {
    @JsonProperty @Min(1) private int maxNodeRuns = 1000;
    @JsonProperty @NotNull private Duration timeout = Duration.ofSeconds(10);

    public int maxNodeRuns() { return maxNodeRuns; }
    public Duration timeout() { return timeout; }
}
