package org.opencdp.server.storage.elastic;

import java.util.Locale;

/** Where in the pipeline an event failed (domain-model §15.3, processing §12). */
public enum FailureStage {
    VALIDATION, MAPPING, INDEXING, PROCESSING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
