package org.opencdp.server.collector.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.opencdp.server.collector.track.RequestValidationException;
import org.opencdp.server.collector.track.TrackPayload;
import org.opencdp.server.event.EventType;

/**
 * Turns a webhook request into a tracker payload with exactly one event (collector-api §5). The event's
 * {@code properties} come from the query string (GET) or from the body, parsed by its content type (POST):
 * <ul>
 *   <li>missing or {@code application/json…}: the JSON; an object as is, any other JSON value as
 *       {@code {"value": …}} (D22), invalid JSON as {@code {}};</li>
 *   <li>{@code application/x-www-form-urlencoded} or {@code multipart/form-data}: the form fields (files are
 *       ignored);</li>
 *   <li>anything else: {@code {"body": "<the body as UTF-8 text>"}} (D22).</li>
 * </ul>
 * Without a session the batch is session-less and profile-less with {@code saveSession=false}; with one it
 * keeps that session and {@code saveSession=true}. Bad input never fails here, except a blank event type
 * (422, like an event without a type on {@code /track}).
 */
public final class WebhookPayloads {

    private final ObjectMapper json;
    private final ObjectReader strict;

    public WebhookPayloads(ObjectMapper json) {
        this.json = json;
        this.strict = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The payload of a webhook call; {@code sessionId} is the path segment, or null on the route without it. */
    public TrackPayload payload(String eventType, String sourceId, String sessionId, ObjectNode properties) {
        String type = eventType == null ? "" : eventType.strip();
        if (type.isEmpty()) {
            throw RequestValidationException.at(List.of("path", "event_type"), "String should have at least 1 character",
                    "string_too_short");
        }
        boolean withSession = sessionId != null;
        String session = sessionId == null || sessionId.isBlank() ? null : sessionId.strip();
        ObjectNode options = json.createObjectNode().put("saveSession", withSession);
        TrackPayload.PayloadEvent event = new TrackPayload.PayloadEvent(null, EventType.normalise(type), properties,
                json.createObjectNode(), json.createObjectNode(), null, null, List.of());
        return new TrackPayload(sourceId == null ? "" : sourceId.strip(), session, null, List.of(event),
                json.createObjectNode(), json.createObjectNode(), options, false, null);
    }

    /** The properties of a GET: the query string (the raw, still encoded one). */
    public ObjectNode fromQuery(String rawQuery) {
        return FormFields.urlEncoded(rawQuery, StandardCharsets.UTF_8);
    }

    /** The properties of a POST body of {@code contentType} (null when the request has none). */
    public ObjectNode fromBody(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
        String mediaType = type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type;
        if (type.isEmpty() || type.startsWith("application/json")) {
            return fromJson(body);
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            java.nio.charset.Charset charset = FormFields.charset(contentType);
            return FormFields.urlEncoded(new String(body, charset), charset);
        }
        if (mediaType.equals("multipart/form-data")) {
            return FormFields.multipart(body, FormFields.boundary(contentType));
        }
        ObjectNode properties = json.createObjectNode();
        properties.put("body", new String(body, StandardCharsets.UTF_8));
        return properties;
    }

    private ObjectNode fromJson(byte[] body) {
        JsonNode parsed;
        try {
            parsed = strict.readTree(body);
        } catch (IOException | RuntimeException e) {
            return json.createObjectNode();
        }
        if (parsed == null || parsed.isMissingNode()) {
            return json.createObjectNode();
        }
        if (parsed.isObject()) {
            return (ObjectNode) parsed;
        }
        ObjectNode wrapped = json.createObjectNode();
        wrapped.set("value", parsed);
        return wrapped;
    }
}
