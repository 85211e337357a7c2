package org.opencdp.server.storage;

/** The two parallel copies of configuration and data inside a tenant. */
public enum DataContext {
    PRODUCTION("prod"), STAGING("stage");

    private final String label;

    DataContext(String label) {
        this.label = label;
    }

    /** The short form used in index names and Redis keys. */
    public String label() {
        return label;
    }

    public boolean production() {
        return this == PRODUCTION;
    }

    public static DataContext of(boolean production) {
        return production ? PRODUCTION : STAGING;
    }
}
