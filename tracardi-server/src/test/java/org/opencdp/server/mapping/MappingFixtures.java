package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.event.EventInput;
import org.opencdp.server.event.EventOrigin;
import org.opencdp.server.profile.ProfileRef;

/** Events and JSON for the mapping tests. */
final class MappingFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private MappingFixtures() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event of a type with these properties (JSON text), built as step P8 does. */
    static EventDocument event(String type, String properties) {
        return event(type, json(properties), List.of("client-tag"), false);
    }

    static EventDocument event(String type, JsonNode properties, List<String> tags, boolean profileLess) {
        EventInput input = new EventInput("event-" + IDS.incrementAndGet(), type, properties, null, null, tags, NOW, null);
        EventOrigin origin = new EventOrigin("source-1", "Web", "127.0.0.1", null, profileLess, false, "test");
        return EventDocument.build(input, origin, null, profileLess ? null : ProfileRef.of("profile-1"), null);
    }
}
