package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/** What we tell Tracardi clients about ourselves ({@code GET /info/version}). */
public class CompatConfig {
    @JsonProperty @NotBlank
    private String reportedVersion = "0.8.1";

    public String reportedVersion() { return reportedVersion; }
}
