package org.opencdp.server.queue.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencdp.server.queue.QueueUnavailableException;
import org.opencdp.server.storage.queue.PulsarAdminClient;
import org.opencdp.server.storage.queue.TopicNames;

/**
 * The unacknowledged messages of a topic per partition and subscription, from Pulsar's admin statistics:
 * {@code {"total": n, "backlog": [{"partition": p, "subscription": "workers", "count": c}]}}.
 */
public final class QueueBacklog {

    private final PulsarAdminClient admin;
    private final TopicNames topics;
    private final ObjectMapper json;

    public QueueBacklog(PulsarAdminClient admin, TopicNames topics, ObjectMapper json) {
        this.admin = admin;
        this.topics = topics;
        this.json = json;
    }

    public String namespace() {
        return topics.namespace();
    }

    /** The backlog of a topic of the configured namespace, or empty when the topic does not exist. */
    public Optional<ObjectNode> of(String topic) {
        try {
            PulsarAdminClient.Reply reply = admin.get(topics.adminPath(topic) + "/partitioned-stats?perPartition=true");
            Map<Integer, JsonNode> partitions = new TreeMap<>();
            if (reply.ok()) {
                JsonNode perPartition = json.readTree(reply.body()).path("partitions");
                Iterator<Map.Entry<String, JsonNode>> entries = perPartition.fields();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    partitions.put(partitionNumber(entry.getKey()), entry.getValue());
                }
            } else {
                reply = admin.get(topics.adminPath(topic) + "/stats");
                if (reply.status() == 404) {
                    return Optional.empty();
                }
                if (!reply.ok()) {
                    throw new QueueUnavailableException("Pulsar admin answered " + reply.status() + " for the stats of "
                            + topics.topic(topic), null);
                }
                partitions.put(0, json.readTree(reply.body()));
            }
            ObjectNode answer = json.createObjectNode();
            ArrayNode backlog = json.createArrayNode();
            long total = 0;
            for (Map.Entry<Integer, JsonNode> partition : partitions.entrySet()) {
                Iterator<Map.Entry<String, JsonNode>> subscriptions = partition.getValue().path("subscriptions").fields();
                while (subscriptions.hasNext()) {
                    Map.Entry<String, JsonNode> subscription = subscriptions.next();
                    long count = subscription.getValue().path("msgBacklog").asLong(0);
                    total += count;
                    backlog.addObject().put("partition", partition.getKey()).put("subscription", subscription.getKey())
                            .put("count", count);
                }
            }
            answer.put("total", total);
            answer.set("backlog", backlog);
            return Optional.of(answer);
        } catch (IOException e) {
            throw new QueueUnavailableException("Pulsar admin at " + admin.description() + ": " + e.getMessage(), e);
        }
    }

    /** {@code persistent://t/ns/batches-partition-3} → 3. */
    static int partitionNumber(String topic) {
        int at = topic.lastIndexOf("-partition-");
        if (at < 0) {
            return 0;
        }
        try {
            return Integer.parseInt(topic.substring(at + "-partition-".length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
