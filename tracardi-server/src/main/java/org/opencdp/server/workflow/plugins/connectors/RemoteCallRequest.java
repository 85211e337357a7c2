package org.opencdp.server.workflow.plugins.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;

/** Pieces of a Remote API call request: the URL with credentials, query strings, cookie header and basic auth. */
final class RemoteCallRequest {

    private RemoteCallRequest() {
    }

    /** The resource URL followed by the rendered endpoint, as Tracardi joins them (no separator added). */
    static String url(JsonNode credentials, String endpoint) {
        String base = credentials.path("url").asText("");
        if (base.isBlank()) {
            throw new IllegalArgumentException("The resource has no url in its credentials.");
        }
        return base + endpoint;
    }

    /** {@code Basic …} from the resource's {@code username} and {@code password}, or null when it has neither. */
    static String basicAuth(JsonNode credentials) {
        String username = credentials.path("username").asText("");
        String password = credentials.path("password").asText("");
        if (username.isEmpty() && password.isEmpty()) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body as query parameters for GET: nested keys joined with dots, values as text. */
    static String query(JsonNode body) {
        StringJoiner query = new StringJoiner("&");
        flatten("", body, query);
        return query.toString();
    }

    private static void flatten(String prefix, JsonNode value, StringJoiner query) {
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), query);
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                flatten(prefix + "." + i, value.get(i), query);
            }
        } else if (!prefix.isEmpty()) {
            String text = value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
            query.add(encode(prefix) + "=" + encode(text));
        }
    }

    /** {@code a=1; b=2} from rendered cookies; every value must be text. */
    static String cookieHeader(JsonNode cookies) {
        StringJoiner header = new StringJoiner("; ");
        for (Map.Entry<String, JsonNode> entry : cookies.properties()) {
            header.add(entry.getKey() + "=" + text(entry.getValue(), "Cookie", entry.getKey()));
        }
        return header.toString();
    }

    /** A header or cookie value, which must be a string. */
    static String text(JsonNode value, String label, String name) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(label + " values must be strings; " + label.toLowerCase() + " `" + name + "` is " + value);
        }
        return value.textValue();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
