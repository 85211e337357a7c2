package org.opencdp.server.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/**
 * Resources (domain-model §9): credentials are encrypted before they reach MySQL and decrypted on the way out
 * (every resource endpoint is for admins and developers, who may see them). Accepts the Python SDK 0.6 body.
 */
public final class ResourceService {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("resource",
            ConfigColumn.requiredText("type", 128, doc -> Documents.text(doc, "type")));
    static final List<String> CREDENTIAL_SETS = List.of("production", "test");

    private final ConfigTable<ObjectNode> resources;
    private final CredentialCipher cipher;
    private final ObjectMapper json;
    private final org.opencdp.server.source.EventSourceDao sources;

    public ResourceService(ConfigTable<ObjectNode> resources, CredentialCipher cipher, ObjectMapper json) {
        this(resources, cipher, json, null);
    }

    /**
     * @param sources where a 0.6 body also registers its event source; null to skip that
     */
    public ResourceService(ConfigTable<ObjectNode> resources, CredentialCipher cipher, ObjectMapper json,
                           org.opencdp.server.source.EventSourceDao sources) {
        this.resources = resources;
        this.cipher = cipher;
        this.json = json;
        this.sources = sources;
    }

    /** Normalises, encrypts and stores the resource; returns its id. */
    public String save(TenantScope scope, ObjectNode body) {
        boolean legacy = isLegacyBody(body);
        ObjectNode doc = normalize(body);
        resources.upsert(scope, seal(doc));
        if (legacy) {
            registerLegacySource(scope, doc);
        }
        return Bodies.text(doc, "id");
    }

    /**
     * In Tracardi 0.6 a resource was also the event source clients track with: the Python SDK creates one and then
     * sends its id as {@code source.id}. A 0.6 body therefore also registers a {@code rest} source of that id,
     * unless a source with that id exists already.
     */
    private void registerLegacySource(TenantScope scope, ObjectNode doc) {
        String id = Bodies.text(doc, "id");
        if (sources == null || sources.find(scope, id).isPresent()) {
            return;
        }
        ObjectNode source = json.createObjectNode().put("id", id).put("name", Bodies.text(doc, "name"))
                .put("enabled", doc.path("enabled").asBoolean(true)).put("channel", "Web");
        source.putArray("type").add("rest");
        sources.upsert(scope, org.opencdp.server.source.EventSource.fromJson(source));
    }

    /** The Python SDK's 0.6 resource: {@code config} instead of {@code credentials}, or its {@code consent} flag. */
    static boolean isLegacyBody(JsonNode body) {
        return body != null && !body.has("credentials") && (body.has("config") || body.has("consent"));
    }

    public Optional<ObjectNode> find(TenantScope scope, String id) {
        return resources.find(scope, Bodies.normalizeId(id)).map(this::open);
    }

    public List<ObjectNode> list(TenantScope scope) {
        return resources.list(scope).stream().map(this::open).toList();
    }

    public boolean delete(TenantScope scope, String id) {
        return resources.delete(scope, Bodies.normalizeId(id));
    }

    /** Enables or disables a stored resource without touching its credentials; false when it does not exist. */
    public boolean enable(TenantScope scope, String id, boolean enabled) {
        return resources.find(scope, Bodies.normalizeId(id)).map(stored -> {
            stored.put("enabled", enabled);
            resources.upsert(scope, stored);
            return true;
        }).orElse(false);
    }

    /** Defaults, and the 0.6 body: {@code config} becomes both credential sets, a {@code tags} string a list. */
    static ObjectNode normalize(ObjectNode doc) {
        Bodies.idOrNew(doc);
        if (!doc.has("credentials") && doc.has("config")) {
            JsonNode config = doc.remove("config");
            ObjectNode credentials = doc.putObject("credentials");
            credentials.set("production", config.isObject() ? config.deepCopy() : doc.objectNode());
            credentials.set("test", config.isObject() ? config.deepCopy() : doc.objectNode());
        }
        ObjectNode credentials = Bodies.objectField(doc, "credentials");
        for (String set : CREDENTIAL_SETS) {
            Bodies.objectField(credentials, set);
        }
        Bodies.requiredText(doc, "type");
        Bodies.defaultText(doc, "name", Bodies.text(doc, "id"));
        Bodies.defaultText(doc, "description", "");
        Bodies.defaultText(doc, "timestamp", Bodies.now());
        Bodies.stringList(doc, "tags");
        Bodies.stringList(doc, "groups");
        Bodies.flag(doc, "enabled", true);
        if (!doc.has("icon")) {
            doc.putNull("icon");
        }
        if (!doc.has("destination")) {
            doc.putNull("destination");
        }
        return doc;
    }

    /** A copy whose credential sets are sealed strings. */
    ObjectNode seal(ObjectNode doc) {
        ObjectNode sealed = doc.deepCopy();
        ObjectNode credentials = (ObjectNode) sealed.get("credentials");
        String id = Bodies.text(doc, "id");
        for (String set : CREDENTIAL_SETS) {
            credentials.put(set, cipher.encrypt(credentials.get(set).toString(), id + "/" + set));
        }
        return sealed;
    }

    /** The stored document with its credential sets decrypted (plain legacy objects are returned as they are). */
    ObjectNode open(ObjectNode stored) {
        JsonNode credentials = stored.get("credentials");
        if (credentials == null || !credentials.isObject()) {
            return stored;
        }
        String id = Bodies.text(stored, "id");
        for (String set : CREDENTIAL_SETS) {
            JsonNode value = credentials.get(set);
            if (value != null && value.isTextual() && CredentialCipher.isEncrypted(value.asText())) {
                try {
                    ((ObjectNode) credentials).set(set, json.readTree(cipher.decrypt(value.asText(), id + "/" + set)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("decrypted credentials of " + id + " are not JSON");
                }
            }
        }
        return stored;
    }
}
