package org.opencdp.server.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.opencdp.server.config.ElasticConfig;
import org.opencdp.server.config.StorageConfig;
import org.opencdp.server.migrate.MigrationReport.Outcome;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.IndexNames;
import org.opencdp.server.storage.elastic.Partitioning;

/**
 * Brings the Elasticsearch schema of one tenant and context up to date: one index template per kind and
 * mapping version (carrying mappings, settings and the read alias), the unpartitioned profile index and the
 * current partition of every partitioned kind. Indices are always created explicitly from their template,
 * never by a first write. A template carries the hash of its body, so an unchanged one is left alone and
 * a changed (additive) one is re-put and its mapping applied to the existing indices of that version.
 */
final class ElasticSchemaMigrator {

    private static final int TOTAL_FIELDS_LIMIT = 5000;
    private static final int TEMPLATE_PRIORITY = 200;

    private final RestClient client;
    private final IndexNames names;
    private final ElasticConfig elasticConfig;
    private final StorageConfig.PartitioningConfig partitioning;
    private final ObjectMapper json;
    private final MigrationReport report;
    private final Clock clock;
    private Integer dataNodes;

    ElasticSchemaMigrator(ElasticStore elastic, ElasticConfig elasticConfig, StorageConfig.PartitioningConfig partitioning,
                          ObjectMapper json, MigrationReport report, Clock clock) {
        this.client = elastic.lowLevel();
        this.names = elastic.names();
        this.elasticConfig = elasticConfig;
        this.partitioning = partitioning;
        this.json = json;
        this.report = report;
        this.clock = clock;
    }

    void migrate(TenantScope scope) {
        for (IndexKind kind : IndexKind.values()) {
            String template = names.template(scope, kind);
            try {
                boolean templateChanged = putTemplate(scope, kind);
                Optional<Partitioning> kindPartitioning = kind.partitioning(partitioning);
                String index = kindPartitioning
                        .map(p -> names.partition(scope, kind, p, ZonedDateTime.now(clock)))
                        .orElse(names.versioned(scope, kind));
                ensureIndex(scope, kind, index);
                if (templateChanged) {
                    applyMappingToExisting(scope, kind);
                }
            } catch (IOException e) {
                throw new MigrationException("Elasticsearch: migrating template " + template + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Creates or updates the kind's template; returns whether it changed. */
    private boolean putTemplate(TenantScope scope, IndexKind kind) throws IOException {
        String name = names.template(scope, kind);
        ObjectNode body = templateBody(scope, kind);
        String hash = sha256(json.writeValueAsString(body));
        body.putObject("_meta").put("kind", kind.label()).put("mapping_version", kind.mappingVersion()).put("hash", hash);

        Optional<String> existingHash = existingTemplateHash(name);
        if (existingHash.isPresent() && existingHash.get().equals(hash)) {
            report.record("elastic", "template " + name, Outcome.UNCHANGED);
            return false;
        }
        Request put = new Request("PUT", "/_index_template/" + name);
        put.setJsonEntity(json.writeValueAsString(body));
        client.performRequest(put);
        report.record("elastic", "template " + name, existingHash.isPresent() ? Outcome.UPGRADED : Outcome.CREATED);
        return existingHash.isPresent();
    }

    private ObjectNode templateBody(TenantScope scope, IndexKind kind) throws IOException {
        ObjectNode body = json.createObjectNode();
        ArrayNode patterns = body.putArray("index_patterns");
        names.templatePatterns(scope, kind).forEach(patterns::add);
        body.put("priority", TEMPLATE_PRIORITY);
        ObjectNode template = body.putObject("template");
        ObjectNode index = template.putObject("settings").putObject("index");
        index.put("number_of_shards", kind.small() ? elasticConfig.smallIndexShards() : elasticConfig.shards());
        index.put("number_of_replicas", replicas());
        index.put("refresh_interval", kind.refreshInterval());
        index.putObject("mapping").putObject("total_fields").put("limit", TOTAL_FIELDS_LIMIT);
        template.set("mappings", mapping(kind));
        template.putObject("aliases").putObject(names.alias(scope, kind));
        return body;
    }

    private JsonNode mapping(IndexKind kind) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(kind.mappingResource())) {
            if (in == null) {
                throw new MigrationException("Elasticsearch: mapping resource " + kind.mappingResource() + " is missing from the build");
            }
            return json.readTree(in);
        }
    }

    /** Replicas as configured, except on a one-node cluster where a replica could never be assigned. */
    private int replicas() throws IOException {
        if (dataNodes == null) {
            Response response = client.performRequest(new Request("GET", "/_cluster/health"));
            dataNodes = json.readTree(response.getEntity().getContent()).path("number_of_data_nodes").asInt(1);
        }
        return dataNodes <= 1 ? 0 : elasticConfig.replicas();
    }

    private Optional<String> existingTemplateHash(String name) throws IOException {
        try {
            Response response = client.performRequest(new Request("GET", "/_index_template/" + name));
            JsonNode templates = json.readTree(response.getEntity().getContent()).path("index_templates");
            for (JsonNode template : templates) {
                if (name.equals(template.path("name").asText())) {
                    return Optional.of(template.path("index_template").path("_meta").path("hash").asText(""));
                }
            }
            return Optional.empty();
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void ensureIndex(TenantScope scope, IndexKind kind, String index) throws IOException {
        String alias = names.alias(scope, kind);
        if (exists("/" + index)) {
            if (!exists("/" + index + "/_alias/" + alias)) {
                Request addAlias = new Request("PUT", "/" + index + "/_alias/" + alias);
                client.performRequest(addAlias);
                report.record("elastic", "alias " + alias + " -> " + index, Outcome.CREATED);
            } else {
                report.record("elastic", "index " + index, Outcome.UNCHANGED);
            }
            return;
        }
        try {
            client.performRequest(new Request("PUT", "/" + index));
            report.record("elastic", "index " + index + " (alias " + alias + ")", Outcome.CREATED);
        } catch (ResponseException e) {
            // Another writer may create a partition between our check and our create; that is the same end state.
            String body = EntityUtils.toString(e.getResponse().getEntity(), StandardCharsets.UTF_8);
            if (e.getResponse().getStatusLine().getStatusCode() == 400 && body.contains("resource_already_exists_exception")) {
                report.record("elastic", "index " + index, Outcome.UNCHANGED);
                return;
            }
            throw e;
        }
    }

    /** Additive mapping changes reach the indices that already exist for this mapping version. */
    private void applyMappingToExisting(TenantScope scope, IndexKind kind) throws IOException {
        for (String pattern : names.templatePatterns(scope, kind)) {
            Request put = new Request("PUT", "/" + pattern + "/_mapping");
            put.addParameter("allow_no_indices", "true");
            put.addParameter("ignore_unavailable", "true");
            ObjectNode mapping = (ObjectNode) mapping(kind);
            put.setJsonEntity(json.writeValueAsString(mapping));
            client.performRequest(put);
        }
        report.record("elastic", "mapping of " + names.versioned(scope, kind) + "*", Outcome.UPGRADED);
    }

    private boolean exists(String path) throws IOException {
        try {
            Response response = client.performRequest(new Request("HEAD", path));
            return response.getStatusLine().getStatusCode() == 200;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
