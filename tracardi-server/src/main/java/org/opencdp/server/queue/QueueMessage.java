package org.opencdp.server.queue;

import java.util.Map;
import java.util.Objects;

/**
 * One message of the durable queue: the partition key (per-key order is kept across consumers), an opaque
 * payload, and string properties such as {@code tenant} and {@code production}.
 */
public record QueueMessage(String key, byte[] payload, Map<String, String> properties) {

    public QueueMessage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
