package org.opencdp.server.migrate;

/** The schema version this build expects; {@code migrate} writes it, the {@code installed} health check reads it. */
public final class SchemaVersion {

    public static final String CURRENT = "0.1";
    public static final String COMPONENT = "tracardi";
    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    private SchemaVersion() {
    }
}
