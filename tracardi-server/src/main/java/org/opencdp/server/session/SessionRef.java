package org.opencdp.server.session;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import org.opencdp.server.common.time.Times;

/**
 * The reference to a session kept in an event: {@code {"id", "start", "duration", "tz"}} (domain-model §3).
 *
 * @param id       the session id
 * @param start    the session's {@code metadata.time.insert}
 * @param duration seconds from the start to the last event
 * @param tz       the tracker's time zone ({@code context.time.tz}), or null
 */
public record SessionRef(String id, Instant start, double duration, String tz) {

    public SessionRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
    }

    /** The stored form, with {@code start} in the emitted datetime format. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.set("start", Times.toJson(start));
        node.put("duration", duration);
        node.put("tz", tz);
        return node;
    }
}
