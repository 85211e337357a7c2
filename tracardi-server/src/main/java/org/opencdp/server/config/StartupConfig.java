package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** How long a role waits for its backends before it gives up starting. */
public class StartupConfig {
    @JsonProperty @Min(1) private int waitTries = 10;
    @JsonProperty @NotNull private Duration waitInterval = Duration.ofSeconds(5);

    public int waitTries() { return waitTries; }
    public Duration waitInterval() { return waitInterval; }
}
