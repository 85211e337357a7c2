package org.opencdp.server.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.opencdp.server.config.QueueConfig;
import org.opencdp.server.migrate.MigrationReport.Outcome;
import org.opencdp.server.storage.queue.PulsarAdminClient;
import org.opencdp.server.storage.queue.PulsarAdminClient.Reply;
import org.opencdp.server.storage.queue.TopicNames;

/**
 * Creates the queue's Pulsar tenant, namespace, partitioned topics, their subscriptions and dead-letter
 * topics, following {@code pulsar/topics.json} of the migrations module. Subscriptions are created here,
 * not by the first consumer, so that batches accepted before any worker has started are retained.
 */
final class PulsarTopicMigrator {

    static final String LAYOUT = "pulsar/topics.json";

    private final PulsarAdminClient admin;
    private final QueueConfig.Pulsar config;
    private final TopicNames topics;
    private final ObjectMapper json;
    private final MigrationReport report;

    PulsarTopicMigrator(PulsarAdminClient admin, QueueConfig.Pulsar config, ObjectMapper json, MigrationReport report) {
        this.admin = admin;
        this.config = config;
        this.topics = TopicNames.of(config);
        this.json = json;
        this.report = report;
    }

    void migrate() {
        try {
            checkCluster();
            ensureTenant();
            ensureNamespace();
            for (JsonNode topic : layout().path("topics")) {
                String name = topic.path("name").asText();
                if (topic.path("partitioned").asBoolean(false)) {
                    ensurePartitionedTopic(name);
                } else {
                    ensureTopic(name);
                }
                for (JsonNode subscription : topic.path("subscriptions")) {
                    ensureSubscription(name, subscription.asText());
                }
                JsonNode deadLetter = topic.path("deadLetter");
                if (!deadLetter.isMissingNode()) {
                    ensureTopic(deadLetter.path("name").asText());
                    ensureSubscription(deadLetter.path("name").asText(), deadLetter.path("subscription").asText());
                }
            }
        } catch (IOException e) {
            throw new MigrationException("Pulsar admin at " + admin.description() + " (queue.pulsar.adminUrl, PULSAR_API): "
                    + e.getMessage(), e);
        }
    }

    private JsonNode layout() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LAYOUT)) {
            if (in == null) {
                throw new MigrationException("Pulsar: topic layout " + LAYOUT + " is missing from the build");
            }
            return json.readTree(in);
        }
    }

    private void checkCluster() throws IOException {
        Reply reply = expect(admin.get("/admin/v2/clusters"), "list clusters");
        for (JsonNode cluster : json.readTree(reply.body())) {
            if (cluster.asText().equals(config.cluster())) {
                return;
            }
        }
        throw new MigrationException("Pulsar: queue.pulsar.cluster (PULSAR_CLUSTER) '" + config.cluster()
                + "' is not a cluster of the broker at " + admin.description() + "; it has " + reply.body());
    }

    private void ensureTenant() throws IOException {
        String path = "/admin/v2/tenants/" + config.tenant();
        if (admin.get(path).ok()) {
            report.record("pulsar", "tenant " + config.tenant(), Outcome.UNCHANGED);
            return;
        }
        String body = json.createObjectNode().set("allowedClusters", json.createArrayNode().add(config.cluster())).toString();
        created(admin.put(path, body), "tenant " + config.tenant());
    }

    private void ensureNamespace() throws IOException {
        String namespace = config.tenant() + "/" + config.namespace();
        Reply list = expect(admin.get("/admin/v2/namespaces/" + config.tenant()), "list namespaces of " + config.tenant());
        for (JsonNode existing : json.readTree(list.body())) {
            if (existing.asText().equals(namespace)) {
                report.record("pulsar", "namespace " + namespace, Outcome.UNCHANGED);
                return;
            }
        }
        created(admin.put("/admin/v2/namespaces/" + namespace, "{}"), "namespace " + namespace);
    }

    private void ensurePartitionedTopic(String name) throws IOException {
        String path = topics.adminPath(name) + "/partitions";
        Reply metadata = admin.get(path);
        int current = metadata.ok() ? json.readTree(metadata.body()).path("partitions").asInt(0) : 0;
        String object = "partitioned topic " + topics.topic(name) + " (" + config.partitions() + " partitions)";
        if (current == 0) {
            created(admin.put(path, Integer.toString(config.partitions())), object);
        } else if (current < config.partitions()) {
            // Pulsar can add partitions but never remove them; key-based ordering holds for new keys.
            expect(admin.post(path, Integer.toString(config.partitions())), "grow " + object);
            report.record("pulsar", object + ", was " + current, Outcome.UPGRADED);
        } else {
            report.record("pulsar", object, Outcome.UNCHANGED);
        }
    }

    private void ensureTopic(String name) throws IOException {
        Reply topicsInNamespace = expect(admin.get("/admin/v2/persistent/" + config.tenant() + "/" + config.namespace()),
                "list topics");
        for (JsonNode existing : json.readTree(topicsInNamespace.body())) {
            if (existing.asText().equals(topics.topic(name))) {
                report.record("pulsar", "topic " + topics.topic(name), Outcome.UNCHANGED);
                return;
            }
        }
        created(admin.put(topics.adminPath(name), ""), "topic " + topics.topic(name));
    }

    private void ensureSubscription(String topic, String subscription) throws IOException {
        Reply existing = expect(admin.get(topics.adminPath(topic) + "/subscriptions"), "list subscriptions of " + topic);
        for (JsonNode name : json.readTree(existing.body())) {
            if (name.asText().equals(subscription)) {
                report.record("pulsar", "subscription " + subscription + " on " + topic, Outcome.UNCHANGED);
                return;
            }
        }
        // Start at the earliest message: nothing published before the subscription existed may be skipped.
        created(admin.put(topics.adminPath(topic) + "/subscription/" + subscription, "{\"entryId\":-1,\"ledgerId\":-1,\"partitionIndex\":-1}"),
                "subscription " + subscription + " on " + topic);
    }

    /** Records a creation; 409 means a concurrent run created it first, which is the same end state. */
    private void created(Reply reply, String object) {
        if (reply.status() == 409) {
            report.record("pulsar", object, Outcome.UNCHANGED);
            return;
        }
        expect(reply, "create " + object);
        report.record("pulsar", object, Outcome.CREATED);
    }

    private Reply expect(Reply reply, String action) {
        if (!reply.ok()) {
            throw new MigrationException("Pulsar: " + action + " failed with " + reply.status() + ": " + reply.body());
        }
        return reply;
    }
}
