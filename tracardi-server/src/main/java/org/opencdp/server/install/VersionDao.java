package org.opencdp.server.install;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.opencdp.server.storage.Tenant;

/** The {@code version} rows: schema and mapping versions and the merging-salt fingerprint of each tenant. */
public final class VersionDao {

    /** One tenant's installed versions. */
    public record VersionRow(String schemaVersion, String mappingVersions, String saltFingerprint) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public VersionDao(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public Optional<VersionRow> find(Tenant tenant, String component) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT schema_version, mapping_versions, salt_fingerprint FROM version WHERE tenant = :tenant AND component = :component")
                .bind("tenant", tenant.name())
                .bind("component", component)
                .map((rs, ctx) -> new VersionRow(rs.getString(1), rs.getString(2), rs.getString(3)))
                .findOne());
    }

    /** Inserts or updates the row; returns whether anything changed. */
    public boolean upsert(Tenant tenant, String component, VersionRow row) {
        Optional<VersionRow> current = find(tenant, component);
        if (current.isPresent() && same(current.get(), row)) {
            return false;
        }
        jdbi.useTransaction(handle -> handle.createUpdate("""
                        INSERT INTO version (tenant, component, schema_version, mapping_versions, salt_fingerprint)
                        VALUES (:tenant, :component, :schema, :mappings, :salt)
                        ON DUPLICATE KEY UPDATE schema_version = VALUES(schema_version),
                          mapping_versions = VALUES(mapping_versions), salt_fingerprint = VALUES(salt_fingerprint),
                          updated_at = CURRENT_TIMESTAMP(6)""")
                .bind("tenant", tenant.name())
                .bind("component", component)
                .bind("schema", row.schemaVersion())
                .bind("mappings", row.mappingVersions())
                .bind("salt", row.saltFingerprint())
                .execute());
        return true;
    }

    /** MySQL 8 normalises stored JSON, so mapping versions are compared as JSON, not as text. */
    private boolean same(VersionRow stored, VersionRow wanted) {
        try {
            return Objects.equals(stored.schemaVersion(), wanted.schemaVersion())
                    && Objects.equals(stored.saltFingerprint(), wanted.saltFingerprint())
                    && json.readTree(stored.mappingVersions()).equals(json.readTree(wanted.mappingVersions()));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
