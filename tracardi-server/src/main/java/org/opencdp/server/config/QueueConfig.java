package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/** The durable queue between collectors and workers (Apache Pulsar). */
public class QueueConfig {

    @JsonProperty @NotNull
    private Duration sendTimeout = Duration.ofSeconds(2);
    @JsonProperty @Valid @NotNull
    private Pulsar pulsar = new Pulsar();

    public Duration sendTimeout() { return sendTimeout; }
    public Pulsar pulsar() { return pulsar; }

    /** Pulsar connection and topic layout. */
    public static class Pulsar {
        @JsonProperty @NotBlank
        private String serviceUrl = "pulsar://localhost:6650";
        @JsonProperty @NotBlank
        private String adminUrl = "http://localhost:8080";
        @JsonProperty @NotBlank
        private String cluster = "pulsar";
        @JsonProperty
        private String authToken = "";
        @JsonProperty @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be a Pulsar tenant name")
        private String tenant = "public";
        @JsonProperty @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be a Pulsar namespace name")
        private String namespace = "cdp";
        @JsonProperty @Min(1) @Max(256)
        private int partitions = 16;

        public String serviceUrl() { return serviceUrl; }
        public String adminUrl() { return adminUrl; }
        public String cluster() { return cluster; }
        public String authToken() { return authToken; }
        public String tenant() { return tenant; }
        public String namespace() { return namespace; }
        public int partitions() { return partitions; }

        public void setNamespace(String namespace) { this.namespace = namespace; }
        public void setAdminUrl(String adminUrl) { this.adminUrl = adminUrl; }
    }
}
