package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The tenant management service: its API key, token secret and database. */
public class TmsConfig {
    @JsonProperty private String apiKey = "";
    @JsonProperty private String secret = "";
    @JsonProperty @Valid @NotNull private DataSourceFactory database = new DataSourceFactory();

    public String apiKey() { return apiKey; }
    public String secret() { return secret; }
    public DataSourceFactory database() { return database; }
}
