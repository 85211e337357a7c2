package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The private (GUI) API: whether it is exposed, its documentation and its CORS origins. */
public class ApiConfig {
    @JsonProperty
    private boolean exposeGuiApi = true;
    @JsonProperty
    private boolean docs = true;
    @JsonProperty @Valid @NotNull
    private Cors cors = new Cors();

    public boolean exposeGuiApi() { return exposeGuiApi; }
    public boolean docs() { return docs; }
    public Cors cors() { return cors; }

    /** Allowed origins of the private API, comma-separated; {@code *} allows any origin without credentials. */
    public static class Cors {
        @JsonProperty @NotNull
        private String allowedOrigins = "*";

        public String allowedOrigins() { return allowedOrigins; }
    }
}
