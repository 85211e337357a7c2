package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** The per-profile lease lock. */
public class LocksConfig {
    @JsonProperty @NotNull private Duration lease = Duration.ofSeconds(15);
    @JsonProperty @NotNull private Duration waitTimeout = Duration.ofSeconds(10);

    public Duration lease() { return lease; }
    public Duration waitTimeout() { return waitTimeout; }
}
