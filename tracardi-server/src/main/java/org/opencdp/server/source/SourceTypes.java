package org.opencdp.server.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event-source type catalogue of {@code /event-sources/type/name} and {@code /type/configuration}
 * (private-api §3.3): every bridge type a source may name, with its display name and tags.
 */
public final class SourceTypes {

    /** One type: display name and tags. */
    public record SourceType(String name, List<String> tags) {
    }

    public static final Map<String, SourceType> TYPES = types();

    private SourceTypes() {
    }

    private static Map<String, SourceType> types() {
        Map<String, SourceType> types = new LinkedHashMap<>();
        types.put(EventSource.REST, new SourceType("Rest Api Call", List.of("rest", "inbound")));
        types.put(EventSource.WEBHOOK, new SourceType("Webhook", List.of("webhook", "inbound")));
        types.put(EventSource.REDIRECT, new SourceType("Redirect Link", List.of("redirect", "inbound")));
        types.put(EventSource.INTERNAL, new SourceType("Internal", List.of("internal")));
        types.put("queue", new SourceType("Message Queue", List.of("queue", "inbound")));
        types.put("mqtt", new SourceType("MQTT", List.of("mqtt", "inbound")));
        types.put("imap", new SourceType("IMAP E-mail", List.of("imap", "email", "inbound")));
        return java.util.Collections.unmodifiableMap(types);
    }

    /** {@code {"rest": "Rest Api Call", ...}}. */
    public static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        TYPES.forEach((type, value) -> names.put(type, value.name()));
        return names;
    }
}
