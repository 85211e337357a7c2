package org.opencdp.server.storage.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.migrate.TestSchema;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.testing.TestStack;

/**
 * The contract every configuration table honours, run against real MySQL by one subclass per entity: scoped
 * round trips, row versions, ordered lists, deletes, lookups by column, deployment, and a change published for
 * every write.
 */
public abstract class ConfigTableContract<T> {

    protected static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static MysqlStore mysql;

    protected final Tenant tenant = Tenant.of("t" + UUID.randomUUID().toString().substring(0, 8));
    protected final TenantScope staging = TenantScope.staging(tenant);
    protected final TenantScope production = TenantScope.production(tenant);
    private final List<String> published = new CopyOnWriteArrayList<>();
    private ConfigTable<T> table;

    /** The table under test, publishing on {@code changes}. */
    protected abstract ConfigTable<T> table(Jdbi jdbi, ObjectMapper json, ConfigChangePublisher changes);

    /** A valid entity with this (normalised) id and name. */
    protected abstract T entity(String id, String name);

    protected abstract String nameOf(T entity);

    /** A lookup column and the value {@link #entity} puts in it, or null when the table has none to test. */
    protected abstract String[] lookup();

    @BeforeAll
    static void migrate() throws Exception {
        mysql = TestSchema.migratedMysql(TestStack.newNamespace("cfgtable"));
    }

    @AfterAll
    static void close() throws Exception {
        if (mysql != null) {
            mysql.close();
        }
    }

    private ConfigTable<T> table() {
        if (table == null) {
            table = table(mysql.jdbi(), JSON, (scope, name, id) -> published.add(scope + "|" + name + "|" + id));
        }
        return table;
    }

    @Test
    void anUpsertRoundTripsAndCountsRowVersions() {
        T first = entity("a-1", "First");
        assertThat(table().upsert(staging, first)).isIn(0, 1);
        assertThat(table().find(staging, "a-1")).hasValueSatisfying(found -> assertThat(nameOf(found)).isEqualTo("First"));
        int second = table().upsert(staging, entity("a-1", "Renamed"));
        if (table().spec().versioned()) {
            assertThat(second).isEqualTo(2);
            assertThat(table().findStored(staging, "a-1").orElseThrow().rowVersion()).isEqualTo(2);
        }
        assertThat(nameOf(table().find(staging, "a-1").orElseThrow())).isEqualTo("Renamed");
        assertThat(published).contains(staging + "|" + table().name() + "|a-1");
    }

    @Test
    void rowsAreScopedByTenantAndContext() {
        table().upsert(staging, entity("b-1", "Only staging"));
        TenantScope otherTenant = TenantScope.staging(Tenant.of("o" + tenant.name().substring(1)));
        assertThat(table().find(otherTenant, "b-1")).isEmpty();
        if (table().spec().perContext()) {
            assertThat(table().find(production, "b-1")).isEmpty();
        }
        assertThat(table().find(staging, "missing")).isEmpty();
        assertThat(table().find(staging, "")).isEmpty();
    }

    @Test
    void listsAreOrderedAndDeletesReportWhetherTheRowExisted() {
        table().upsert(staging, entity("c-2", "Zeta"));
        table().upsert(staging, entity("c-1", "Alpha"));
        List<String> names = table().list(staging).stream().map(this::nameOf).filter(n -> n.equals("Zeta") || n.equals("Alpha")).toList();
        assertThat(names).hasSize(2);
        if (table().spec().orderBy().startsWith("name")) {
            assertThat(names).containsExactly("Alpha", "Zeta");
        }
        published.clear();
        assertThat(table().delete(staging, "c-1")).isTrue();
        assertThat(table().delete(staging, "c-1")).isFalse();
        assertThat(table().find(staging, "c-1")).isEmpty();
        assertThat(published).hasSize(2);
    }

    @Test
    void lookupColumnsAreFilledFromTheEntity() {
        String[] lookup = lookup();
        if (lookup == null) {
            return;
        }
        table().upsert(staging, entity("d-1", "Looked up"));
        assertThat(table().listWhere(staging, java.util.Map.of(lookup[0], lookup[1])).stream().map(this::nameOf))
                .contains("Looked up");
        assertThat(table().deleteWhere(staging, java.util.Map.of(lookup[0], lookup[1]))).isGreaterThanOrEqualTo(1);
        assertThat(table().find(staging, "d-1")).isEmpty();
        assertThatThrownBy(() -> table().listWhere(staging, java.util.Map.of("data", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deploymentCopiesTheStagingRowToProduction() {
        if (!table().spec().perContext()) {
            return;
        }
        table().upsert(staging, entity("e-1", "Deployed"));
        published.clear();
        assertThat(table().copyToProduction(tenant, "e-1")).isTrue();
        assertThat(nameOf(table().find(production, "e-1").orElseThrow())).isEqualTo("Deployed");
        table().upsert(staging, entity("e-1", "Deployed again"));
        assertThat(table().copyToProduction(tenant, "e-1")).isTrue();
        assertThat(nameOf(table().find(production, "e-1").orElseThrow())).isEqualTo("Deployed again");
        assertThat(table().copyToProduction(tenant, "never-there")).isFalse();
        assertThat(published).contains(production + "|" + table().name() + "|e-1");
    }

    @Test
    void idsMustBePresentAndShort() {
        assertThatThrownBy(() -> table().upsert(staging, entity("x".repeat(65), "Long")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
