package org.opencdp.server.collector.track;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A validated tracker payload (collector-api §3.2): ids trimmed, the source id lower-cased, event types
 * normalised. Absent ids are {@code null}; the server assigns them later.
 *
 * @param sentBody the request body this payload was parsed from, when it is a plain UTF-8 JSON object with nothing
 *                 after it, so that the queue message can carry it verbatim ({@link BatchMessages}); null for a payload
 *                 built or changed by the server (webhooks, bridges)
 */
public record TrackPayload(String sourceId, String sessionId, String profileId, List<PayloadEvent> events,
                           ObjectNode context, ObjectNode properties, ObjectNode options, boolean debug, byte[] sentBody) {

    /** One event of the payload (collector-api §3.3). */
    public record PayloadEvent(String id, String type, ObjectNode properties, ObjectNode context, ObjectNode options,
                               String timeInsert, String timeCreate, List<String> tags) {
    }

    /** Reads a tracker option: only JSON booleans count, anything else means the default (§3.4). */
    public boolean option(String name, boolean defaultValue) {
        return options.path(name).isBoolean() ? options.path(name).booleanValue() : defaultValue;
    }
}
