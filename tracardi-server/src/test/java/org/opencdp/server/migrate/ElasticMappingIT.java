package org.opencdp.server.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.config.ConfigLoader;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.Partitioning;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.queue.PulsarAdminClient;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * Runs the migration in-process, then stores the sample documents of every kind (the shapes the server
 * will write, in {@code migrations/src/test/resources/elastic/samples}) through the migrated indices: the
 * strict mappings must accept them, reject unknown root fields, and the read aliases must find them.
 */
class ElasticMappingIT {

    private static final Path SAMPLES = TestStack.REPO.resolve("migrations/src/test/resources/elastic/samples");
    private static final Namespace NAMESPACE = TestStack.newNamespace("map");
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static TracardiConfiguration config;
    private static ElasticStore elastic;
    private static MysqlStore mysql;
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));

    @BeforeAll
    static void migrate() throws Exception {
        config = ConfigLoader.load("../config/migrate.yml", NAMESPACE.processEnvironment());
        MigrationReport report = new MigrationReport();
        MigrationService.ensureDatabase(config, report);
        elastic = ElasticStore.connect(config.elastic());
        mysql = MysqlStore.connect(config.mysql(), new com.codahale.metrics.MetricRegistry(), "mysql");
        new MigrationService(config, mysql, elastic, new PulsarAdminClient(config.queue().pulsar()), JSON, Clock.systemUTC())
                .migrate(Optional.empty(), report);
        assertThat(report.changed()).isTrue();
    }

    @AfterAll
    static void close() throws Exception {
        elastic.close();
        mysql.close();
    }

    @Test
    void everySampleIsAcceptedAndFoundThroughTheAlias() throws Exception {
        for (IndexKind kind : IndexKind.values()) {
            List<Path> samples;
            try (Stream<Path> files = Files.list(SAMPLES.resolve(kind.label()))) {
                samples = files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
            }
            assertThat(samples).as(kind.label()).hasSizeGreaterThanOrEqualTo(2);
            for (Path sample : samples) {
                Request put = new Request("PUT", "/" + writeIndex(kind) + "/_doc/" + kind.label() + "-" + sample.getFileName());
                put.addParameter("refresh", "true");
                put.setJsonEntity(Files.readString(sample));
                Response response = elastic.lowLevel().performRequest(put);
                assertThat(response.getStatusLine().getStatusCode()).as(sample.toString()).isEqualTo(201);
            }
            Response count = elastic.lowLevel().performRequest(
                    new Request("GET", "/" + elastic.names().alias(SCOPE, kind) + "/_count"));
            assertThat(JSON.readTree(count.getEntity().getContent()).path("count").asInt()).as(kind.label())
                    .isEqualTo(samples.size());
        }
    }

    @Test
    void unknownRootFieldsAreRejected() throws Exception {
        for (IndexKind kind : IndexKind.values()) {
            Path sample;
            try (Stream<Path> files = Files.list(SAMPLES.resolve(kind.label()))) {
                sample = files.filter(file -> file.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
            }
            ObjectNode document = (ObjectNode) JSON.readTree(sample.toFile());
            document.put("no_such_field", "x");
            Request put = new Request("PUT", "/" + writeIndex(kind) + "/_doc/strict-" + kind.label());
            put.setJsonEntity(JSON.writeValueAsString(document));
            assertThatThrownBy(() -> elastic.lowLevel().performRequest(put))
                    .isInstanceOfSatisfying(ResponseException.class, e -> {
                        assertThat(e.getResponse().getStatusLine().getStatusCode()).isEqualTo(400);
                        try {
                            assertThat(EntityUtils.toString(e.getResponse().getEntity())).contains("strict_dynamic_mapping_exception");
                        } catch (java.io.IOException io) {
                            throw new AssertionError(io);
                        }
                    });
        }
    }

    @Test
    void tenantsAndContextsGetSeparateIndices() throws Exception {
        Response indices = elastic.lowLevel().performRequest(
                new Request("GET", "/_cat/indices/" + NAMESPACE.indexPrefix() + ".*?h=index&format=json"));
        List<String> names = JSON.readTree(indices.getEntity().getContent()).findValuesAsText("index");
        assertThat(names).allMatch(name -> name.startsWith(NAMESPACE.indexPrefix() + ".default.prod.")
                || name.startsWith(NAMESPACE.indexPrefix() + ".default.stage."));
        assertThat(names).hasSize(2 * IndexKind.values().length);
    }

    private static String writeIndex(IndexKind kind) {
        Optional<Partitioning> partitioning = kind.partitioning(config.storage().partitioning());
        return partitioning.map(p -> elastic.names().partition(SCOPE, kind, p, ZonedDateTime.now()))
                .orElse(elastic.names().versioned(SCOPE, kind));
    }
}
