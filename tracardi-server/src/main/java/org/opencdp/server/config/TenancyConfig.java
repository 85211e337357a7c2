package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Single- or multi-tenant operation and how tenants are found. */
public class TenancyConfig {
    @JsonProperty
    private boolean multiTenant = false;
    @JsonProperty @NotNull
    private String tenantName = "default";
    @JsonProperty
    private String aliasesFile = "";
    @JsonProperty @Valid @NotNull
    private Tms tms = new Tms();

    public boolean multiTenant() { return multiTenant; }
    public String tenantName() { return tenantName; }
    public String aliasesFile() { return aliasesFile; }
    public Tms tms() { return tms; }

    public void setTenantName(String tenantName) { this.tenantName = tenantName; }

    /** How other roles reach the tenant management service. */
    public static class Tms {
        @JsonProperty
        private String url = "";
        @JsonProperty
        private String apiKey = "";

        public String url() { return url; }
        public String apiKey() { return apiKey; }
    }
}
