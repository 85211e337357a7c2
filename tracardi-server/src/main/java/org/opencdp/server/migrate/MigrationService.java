package org.opencdp.server.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.install.BridgeSeeder;
import org.opencdp.server.install.TenantStateDao;
import org.opencdp.server.install.VersionDao;
import org.opencdp.server.install.VersionDao.VersionRow;
import org.opencdp.server.migrate.MigrationReport.Outcome;
import org.opencdp.server.storage.DataContext;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.queue.PulsarAdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstraps or upgrades every store (operations §6.1): the MySQL schema, then for each tenant and both
 * contexts the Elasticsearch templates, indices and aliases, then the Pulsar topics, the seed rows and the
 * version rows. The whole run holds a MySQL named lock, so concurrent runs serialise and the later one finds
 * nothing to do. Every step is idempotent.
 */
public final class MigrationService {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationService.class);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(600);

    private final TracardiConfiguration config;
    private final MysqlStore mysql;
    private final ElasticStore elastic;
    private final PulsarAdminClient pulsar;
    private final ObjectMapper json;
    private final Clock clock;

    public MigrationService(TracardiConfiguration config, MysqlStore mysql, ElasticStore elastic,
                            PulsarAdminClient pulsar, ObjectMapper json, Clock clock) {
        this.config = config;
        this.mysql = mysql;
        this.elastic = elastic;
        this.pulsar = pulsar;
        this.json = json;
        this.clock = clock;
    }

    /** Creates the application database if it is missing; call before the MySQL pool is first used. */
    public static void ensureDatabase(TracardiConfiguration config, MigrationReport report) {
        new MysqlSchemaMigrator(config.mysql(), report).ensureDatabase();
    }

    /**
     * Migrates the given tenants, or the configured ones when {@code requested} is empty, adding to
     * {@code report} (which already holds the database creation by {@link #ensureDatabase}).
     *
     * @throws MigrationException naming the store and object of the step that failed
     */
    public MigrationReport migrate(Optional<Tenant> requested, MigrationReport report) {
        try (MigrationLock lock = MigrationLock.acquire(mysql.dataSource(), LOCK_WAIT)) {
            LOG.info("Migrating MySQL at {}", mysql.description());
            new MysqlSchemaMigrator(config.mysql(), report).applyChangelog(mysql.dataSource());

            List<Tenant> tenants = tenants(requested);
            VersionDao versions = new VersionDao(mysql.jdbi(), json);
            for (Tenant tenant : tenants) {
                checkSalt(versions, tenant);
            }
            ElasticSchemaMigrator elasticMigrator = new ElasticSchemaMigrator(elastic, config.elastic(),
                    config.storage().partitioning(), json, report, clock);
            for (Tenant tenant : tenants) {
                for (DataContext context : DataContext.values()) {
                    LOG.info("Migrating Elasticsearch at {} for {}", elastic.description(), new TenantScope(tenant, context));
                    elasticMigrator.migrate(new TenantScope(tenant, context));
                }
            }
            LOG.info("Migrating Pulsar at {}", pulsar.description());
            new PulsarTopicMigrator(pulsar, config.queue().pulsar(), json, report).migrate();

            TenantStateDao tenantStates = new TenantStateDao(mysql.jdbi());
            BridgeSeeder bridges = new BridgeSeeder(mysql.jdbi(), json);
            for (Tenant tenant : tenants) {
                int added = bridges.seed(tenant);
                report.record("mysql", "bridges of tenant " + tenant + (added > 0 ? " (" + added + " added)" : ""),
                        added > 0 ? Outcome.CREATED : Outcome.UNCHANGED);
                report.record("mysql", "tenant_state " + tenant,
                        tenantStates.markActive(tenant) ? Outcome.CREATED : Outcome.UNCHANGED);
                boolean installedBefore = versions.find(tenant, SchemaVersion.COMPONENT).isPresent();
                boolean versionChanged = versions.upsert(tenant, SchemaVersion.COMPONENT, versionRow());
                report.record("mysql", "version of tenant " + tenant, !versionChanged ? Outcome.UNCHANGED
                        : installedBefore ? Outcome.UPGRADED : Outcome.CREATED);
            }
        } catch (SQLException e) {
            throw new MigrationException("MySQL at " + mysql.description() + ": " + e.getMessage(), e);
        }
        return report;
    }

    private List<Tenant> tenants(Optional<Tenant> requested) {
        if (requested.isPresent()) {
            return List.of(requested.get());
        }
        Tenant configured = Tenant.of(config.tenancy().tenantName());
        if (!config.tenancy().multiTenant()) {
            return List.of(configured);
        }
        List<Tenant> active = new TenantStateDao(mysql.jdbi()).active();
        return active.isEmpty() ? List.of(configured) : active;
    }

    /** The salt must never change after install: every stored merging-key hash depends on it. */
    private void checkSalt(VersionDao versions, Tenant tenant) {
        String fingerprint = saltFingerprint();
        Optional<VersionRow> installed = versions.find(tenant, SchemaVersion.COMPONENT);
        if (installed.isPresent() && installed.get().saltFingerprint() != null && fingerprint != null
                && !installed.get().saltFingerprint().equals(fingerprint)) {
            throw new MigrationException("AUTO_PROFILE_MERGING changed after install (identity.mergingSalt of tenant "
                    + tenant + " no longer matches the stored fingerprint); restore the original value");
        }
    }

    private VersionRow versionRow() {
        Map<String, Integer> mappingVersions = new LinkedHashMap<>();
        for (IndexKind kind : IndexKind.values()) {
            mappingVersions.put(kind.label(), kind.mappingVersion());
        }
        try {
            return new VersionRow(SchemaVersion.CURRENT, json.writeValueAsString(mappingVersions), saltFingerprint());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String saltFingerprint() {
        String salt = config.identity().mergingSalt();
        if (salt == null || salt.isBlank()) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(salt.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
