package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;

/** Whether WARN+ application logs are also stored in Elasticsearch. */
public class DiagnosticsConfig {
    @JsonProperty private boolean saveLogsToElastic = true;
    @JsonProperty @NotBlank private String saveLogsMinLevel = "WARN";

    public boolean saveLogsToElastic() { return saveLogsToElastic; }
    public String saveLogsMinLevel() { return saveLogsMinLevel; }
}
