package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code production: yes} locks a role to the production context; otherwise {@code X-Context} chooses. */
public class ContextConfig {
    @JsonProperty
    private boolean production = false;

    public boolean production() { return production; }
}
