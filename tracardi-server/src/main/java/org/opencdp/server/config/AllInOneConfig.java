package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The single-machine role. */
public class AllInOneConfig {
    @JsonProperty private boolean migrateOnStart = true;

    public boolean migrateOnStart() { return migrateOnStart; }
}
