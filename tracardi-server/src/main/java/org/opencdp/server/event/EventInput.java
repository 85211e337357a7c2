package org.opencdp.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One payload event as the batch record carries it (processing §2.1), after the collector's normalisation: the id
 * is fixed, {@code insert} is decided (time window, D23), the rest is as the client sent it.
 *
 * @param id         event id (client id, case kept, or UUID4)
 * @param type       event type; normalised again on build (collector-api §3.3)
 * @param properties {@code properties}; anything but an object is stored as {@code {}}
 * @param context    per-event {@code context}; anything but an object is stored as {@code {}}
 * @param options    per-event {@code options}, stored as {@code config}
 * @param tags       tags, or null
 * @param insert     {@code metadata.time.insert}
 * @param create     the client's {@code time.create}, stored verbatim when it is a string or a number; else null
 */
public record EventInput(String id, String type, JsonNode properties, JsonNode context, JsonNode options,
                         List<String> tags, Instant insert, JsonNode create) {

    public EventInput {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(insert, "insert");
    }
}
