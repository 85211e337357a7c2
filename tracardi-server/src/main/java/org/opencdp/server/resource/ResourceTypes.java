package org.opencdp.server.resource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource-type catalogue ({@code /resources/type/*}, {@code /destinations/type}; private-api §3.11): the
 * external systems a resource can describe, the default shape of their credentials and, for those that can
 * receive data, the destination connector named by its Python package (mapped to our Java connectors).
 */
public final class ResourceTypes {

    public static final String HTTP_CONNECTOR = "tracardi.process_engine.destination.http_connector.HttpConnector";
    public static final String MAUTIC_CONNECTOR = "tracardi.process_engine.destination.mautic_connector.MauticConnector";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every type by id, in display order. */
    public static final Map<String, ObjectNode> TYPES = types();

    private ResourceTypes() {
    }

    private static Map<String, ObjectNode> types() {
        Map<String, ObjectNode> types = new LinkedHashMap<>();
        ObjectNode api = type("api", "API endpoint", "cloud", List.of("api", "destination"),
                NODES.objectNode().put("url", "").put("method", "POST").put("username", "").put("password", ""));
        api.set("destination", destination(HTTP_CONNECTOR, NODES.objectNode().put("method", "post").put("timeout", 30)
                .putObject("headers").put("content-type", "application/json")));
        types.put("api", api);
        ObjectNode mautic = type("mautic", "Mautic", "mautic", List.of("mautic", "destination"),
                NODES.objectNode().put("public_key", "").put("private_key", "").put("api_url", ""));
        mautic.set("destination", destination(MAUTIC_CONNECTOR, NODES.objectNode().put("overwrite_with_blank", false)));
        types.put("mautic", mautic);
        types.put("mysql", type("mysql", "MySQL", "mysql", List.of("mysql", "database"),
                NODES.objectNode().put("host", "localhost").put("port", 3306).put("user", "").put("password", "")));
        types.put("smtp-server", type("smtp-server", "SMTP server", "email", List.of("smtp", "email"),
                NODES.objectNode().put("smtp", "").put("port", 587).put("username", "").put("password", "")
                        .put("timeout", 15).put("tls", "starttls")));
        types.put("redis", type("redis", "Redis", "redis", List.of("redis"),
                NODES.objectNode().put("url", "redis://localhost:6379").put("password", "")));
        types.put("elasticsearch", type("elasticsearch", "Elasticsearch", "elasticsearch", List.of("elasticsearch", "database"),
                NODES.objectNode().put("url", "http://localhost:9200").put("username", "").put("password", "")));
        types.put("token", type("token", "Token", "token", List.of("token"), NODES.objectNode().put("token", "")));
        return java.util.Collections.unmodifiableMap(types);
    }

    private static ObjectNode type(String id, String name, String icon, List<String> tags, ObjectNode config) {
        ObjectNode type = NODES.objectNode();
        type.put("id", id);
        type.put("name", name);
        type.put("icon", icon);
        tags.forEach(type.putArray("tags")::add);
        type.set("config", config);
        return type;
    }

    private static ObjectNode destination(String connector, ObjectNode init) {
        ObjectNode destination = NODES.objectNode();
        destination.put("package", connector);
        destination.set("init", init);
        destination.putObject("form");
        destination.put("pro", false);
        return destination;
    }

    /** {@code {"<type>": "<name>"}}. */
    public static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        TYPES.forEach((id, type) -> names.put(id, type.get("name").asText()));
        return names;
    }

    /** {@code {"<type>": {"name", "tags", "config", "icon", …}}}. */
    public static Map<String, ObjectNode> configurations() {
        return TYPES;
    }

    /** The types that can be destinations, keyed by connector package ({@code GET /destinations/type}). */
    public static Map<String, ObjectNode> destinations() {
        Map<String, ObjectNode> byPackage = new LinkedHashMap<>();
        TYPES.values().stream().filter(type -> type.has("destination"))
                .forEach(type -> byPackage.put(type.path("destination").path("package").asText(), type.deepCopy()));
        return byPackage;
    }
}
