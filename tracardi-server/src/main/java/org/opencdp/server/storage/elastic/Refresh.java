package org.opencdp.server.storage.elastic;

/**
 * The {@code refresh} parameter of a write. The worker's hot path uses {@link #NONE} (profiles are read
 * back by real-time GET); management writes that a following search must see use {@link #WAIT_FOR}
 * (processing §14).
 */
public enum Refresh {
    NONE(null), WAIT_FOR("wait_for"), IMMEDIATE("true");

    private final String parameter;

    Refresh(String parameter) {
        this.parameter = parameter;
    }

    /** The query-parameter value, or null to send none. */
    String parameter() {
        return parameter;
    }
}
