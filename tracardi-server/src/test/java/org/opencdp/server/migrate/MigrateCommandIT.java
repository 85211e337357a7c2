package org.opencdp.server.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;
import org.opencdp.server.testing.TracardiProcess;
import org.opencdp.server.testing.TracardiProcess.Result;

/**
 * {@code tracardi server migrate} against the real stack: the first run creates every object, a second
 * run changes nothing and says so, and two runs started together both succeed with the same end state.
 */
class MigrateCommandIT {

    private static final String CONFIG = "../config/migrate.yml";
    private static final List<String> TABLES = List.of("event_source", "workflow", "workflow_trigger", "resource",
            "destination", "identification_point", "event_redirect", "event_validation", "event_reshaping",
            "event_mapping", "event_to_profile_mapping", "consent_type", "segment", "live_segment", "report", "import",
            "setting", "bridge", "plugin", "user", "user_log", "task", "profile_merge", "version", "tenant_state");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void migratesEveryStoreThenFindsNothingToDo() throws Exception {
        Namespace namespace = TestStack.newNamespace("mig");
        Result first = migrate(namespace.processEnvironment());
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("Migration complete.").contains("created   mysql         database " + namespace.database());
        assertMigrated(namespace);

        Result second = migrate(namespace.processEnvironment());
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("Nothing to do: every store is already up to date.").contains("created 0, upgraded 0");
        assertMigrated(namespace);
    }

    @Test
    void concurrentRunsBothSucceedWithOneEndState() throws Exception {
        Namespace namespace = TestStack.newNamespace("conc");
        TracardiProcess one = TracardiProcess.start(namespace.processEnvironment(), "server", "migrate", CONFIG);
        TracardiProcess two = TracardiProcess.start(namespace.processEnvironment(), "server", "migrate", CONFIG);
        Result first = one.await();
        Result second = two.await();
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        // Both end with a summary; the state below and the idempotent third run prove one end state.
        assertThat(first.output()).containsAnyOf("Migration complete.", "Nothing to do");
        assertThat(second.output()).containsAnyOf("Migration complete.", "Nothing to do");
        assertMigrated(namespace);

        Result third = migrate(namespace.processEnvironment());
        assertThat(third.output()).contains("Nothing to do");
    }

    @Test
    void aChangedMergingSaltIsRefused() throws Exception {
        Namespace namespace = TestStack.newNamespace("salt");
        Result installed = migrate(namespace.processEnvironment());
        assertThat(installed.exitCode()).as(installed.output()).isZero();
        Map<String, String> changed = new java.util.HashMap<>(namespace.processEnvironment());
        changed.put("AUTO_PROFILE_MERGING", "a-completely-different-salt-value");
        Result refused = migrate(changed);
        assertThat(refused.exitCode()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("AUTO_PROFILE_MERGING changed after install").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableBackendFailsWithItsName() throws Exception {
        Namespace namespace = TestStack.newNamespace("down");
        Map<String, String> environment = new java.util.HashMap<>(namespace.processEnvironment());
        environment.put("ELASTIC_HOST", "http://127.0.0.1:1");
        environment.put("STARTUP_WAIT_TRIES", "1");
        Result failed = migrate(environment);
        assertThat(failed.exitCode()).as(failed.output()).isNotZero();
        assertThat(failed.output()).contains("elastic").contains("127.0.0.1:1");
    }

    private static Result migrate(Map<String, String> environment) throws Exception {
        return TracardiProcess.run(environment, "server", "migrate", CONFIG);
    }

    private void assertMigrated(Namespace namespace) throws Exception {
        try (Connection mysql = namespace.mysql()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = mysql.getMetaData().getTables(namespace.database(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
            assertThat(tables).containsAll(TABLES);
            try (ResultSet rs = mysql.createStatement().executeQuery(
                    "SELECT schema_version, salt_fingerprint FROM version WHERE tenant = 'default' AND component = 'tracardi'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(SchemaVersion.CURRENT);
                assertThat(rs.getString(2)).hasSize(64);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = mysql.createStatement().executeQuery("SELECT COUNT(*) FROM bridge WHERE tenant = 'default'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
            for (String table : List.of("event_source", "workflow_trigger", "segment")) {
                try (ResultSet rs = mysql.getMetaData().getPrimaryKeys(namespace.database(), null, table)) {
                    List<String> key = new ArrayList<>();
                    while (rs.next()) {
                        key.add(rs.getString("COLUMN_NAME"));
                    }
                    assertThat(key).as(table).containsExactlyInAnyOrder("tenant", "production", "id");
                }
            }
        }

        String elastic = TestStack.get("ELASTIC_HOST");
        for (String context : List.of("prod", "stage")) {
            for (IndexKind kind : IndexKind.values()) {
                String alias = namespace.indexPrefix() + ".default." + context + "." + kind.label();
                JsonNode template = json.readTree(TestStack.httpGet(elastic + "/_index_template/" + alias + ".v1").body());
                assertThat(template.path("index_templates")).as(alias).hasSize(1);
                JsonNode aliases = json.readTree(TestStack.httpGet(elastic + "/_alias/" + alias).body());
                assertThat(aliases.size()).as("indices behind " + alias).isEqualTo(1);
                String index = aliases.fieldNames().next();
                assertThat(index).startsWith(alias + ".v1");
                JsonNode mapping = json.readTree(TestStack.httpGet(elastic + "/" + index + "/_mapping").body());
                assertThat(mapping.path(index).path("mappings").path("dynamic").asText()).isEqualTo("strict");
            }
        }

        String admin = TestStack.get("PULSAR_API") + "/admin/v2/persistent/public/" + namespace.pulsarNamespace();
        for (String topic : List.of("batches", "outbox")) {
            JsonNode partitions = json.readTree(TestStack.httpGet(admin + "/" + topic + "/partitions").body());
            assertThat(partitions.path("partitions").asInt()).as(topic).isEqualTo(4);
        }
        assertThat(json.readTree(TestStack.httpGet(admin + "/batches/subscriptions").body()))
                .extracting(JsonNode::asText).contains("workers");
        assertThat(TestStack.httpGet(admin).body()).contains("batches-workers-DLQ");
    }
}
