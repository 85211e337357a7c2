package org.opencdp.server.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.elasticsearch.client.Request;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;
import org.opencdp.server.storage.elastic.PartitionRegistry;
import org.opencdp.server.workflow.engine.ConsoleEntry;

/**
 * Stores the console lines of a batch's flows in the tenant's log index, where {@code /event/logs/{id}} and
 * {@code /profile/logs/{id}} read them. Ids derive from the batch and the line's position, so a re-delivered batch
 * overwrites rather than duplicates its lines.
 */
public final class ConsoleLogWriter {

    private final ElasticStore elastic;
    private final PartitionRegistry partitions;
    private final ObjectMapper json;

    public ConsoleLogWriter(ElasticStore elastic, PartitionRegistry partitions, ObjectMapper json) {
        this.elastic = elastic;
        this.partitions = partitions;
        this.json = json;
    }

    public void write(TenantScope scope, String batchId, List<ConsoleEntry> entries, Instant now) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        String index = partitions.ensure(scope, IndexKind.LOG, now);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            ConsoleEntry entry = entries.get(i);
            ObjectNode doc = json.valueToTree(entry);
            String id = id(batchId, i);
            doc.put("id", id);
            doc.put("level", entry.type().toUpperCase(java.util.Locale.ROOT));
            doc.put("batch_id", batchId);
            body.append("{\"index\":{\"_index\":").append(json.writeValueAsString(index)).append(",\"_id\":\"").append(id)
                    .append("\"}}\n").append(json.writeValueAsString(doc)).append('\n');
        }
        Request request = new Request("POST", "/_bulk");
        request.setJsonEntity(body.toString());
        elastic.lowLevel().performRequest(request);
    }

    private static String id(String batchId, int position) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((batchId + ":console:" + position).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
