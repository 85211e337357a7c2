package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** Automatic profile merging. */
public class ApmConfig {
    @JsonProperty @NotNull private String mode = "worker";
    @JsonProperty @NotNull private Duration pause = Duration.ofSeconds(60);
    @JsonProperty @NotNull private String tenants = "";

    public String mode() { return mode; }
    public Duration pause() { return pause; }
    public String tenants() { return tenants; }
}
