package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opencdp.server.storage.elastic.IndexKind;

/**
 * The typed fields of a stored document, read from its Elasticsearch mapping (the migrations module's
 * {@code elastic/mappings/<kind>.json}), so that mappings write only what the index accepts (processing §7.4):
 * the profile and event indices are {@code dynamic: strict}, so an unknown {@code data.*} field or a value of
 * the wrong type would make the whole document unstorable.
 *
 * <p>A path resolves to a {@link Field}: a typed leaf, an object with known children, a free part
 * ({@code traits}, {@code aux}, {@code misc}, flattened and not-indexed objects: any JSON) or
 * {@link Kind#UNKNOWN} (not in a strict object). Which keyword leaves hold lists is not in the mapping; it is
 * given here from the domain model (§2.3, §3).
 */
public final class FieldSchema {

    /** What a field accepts. */
    public enum Kind {
        /** A string (keyword or text); see {@link Cardinality} for lists. */
        STRING,
        /** A floating-point number. */
        DOUBLE,
        /** An integral number. */
        LONG,
        /** A datetime, stored in the emitted form (README §1). */
        DATE,
        BOOLEAN,
        /** {@code [lon, lat]} or {@code {lat, lon}}. */
        GEO_POINT,
        /** An object whose children are typed. */
        OBJECT,
        /** Any JSON: dynamic, flattened or not indexed. */
        ANY,
        /** Not a field of the document: writing it would be refused by the index. */
        UNKNOWN
    }

    /** Whether a string field holds one value, a list, or either (domain-model: {@code string|string[]}). */
    public enum Cardinality { SCALAR, LIST, EITHER }

    /** Keyword leaves that hold lists, in both profiles and events (their {@code data.*} parts share a shape). */
    private static final Set<String> LISTS = Set.of(
            "ids", "segments", "metadata.system.aux.auto_merge", "tags.values",
            "metadata.processed_by.rules", "metadata.processed_by.flows", "metadata.processed_by.third_party",
            "data.contact.confirmations", "data.devices.push", "data.devices.other", "data.loyalty.codes",
            "data.preferences.purchases", "data.preferences.colors", "data.preferences.sizes",
            "data.preferences.devices", "data.preferences.channels", "data.preferences.payments",
            "data.preferences.brands", "data.preferences.fragrances", "data.preferences.services",
            "data.preferences.other");

    /** Keyword leaves that hold a string or a list of strings. */
    private static final Set<String> EITHER = Set.of(
            "data.pii.language.spoken", "data.identifier.coupons", "data.job.company.segment");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile FieldSchema profile;
    private static volatile FieldSchema event;

    /** A resolved path. */
    public static final class Field {
        private final String path;
        private final Node node;

        private Field(String path, Node node) {
            this.path = path;
            this.node = node;
        }

        public String path() {
            return path;
        }

        public Kind kind() {
            return node.kind;
        }

        public Cardinality cardinality() {
            return node.cardinality;
        }

        /** Whether a list may be stored here. */
        public boolean acceptsList() {
            return node.kind == Kind.ANY || node.cardinality != Cardinality.SCALAR;
        }

        /** A child of an object field ({@link Kind#UNKNOWN} under a strict object, {@link Kind#ANY} under a free one). */
        public Field child(String key) {
            String childPath = path.isEmpty() ? key : path + "." + key;
            return new Field(childPath, node.child(key));
        }

        @Override
        public String toString() {
            return path + ":" + node.kind;
        }
    }

    private static final class Node {
        static final Node ANY = new Node(Kind.ANY, Cardinality.SCALAR, false);
        static final Node UNKNOWN = new Node(Kind.UNKNOWN, Cardinality.SCALAR, false);

        final Kind kind;
        final Cardinality cardinality;
        final boolean acceptsUnknown;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(Kind kind, Cardinality cardinality, boolean acceptsUnknown) {
            this.kind = kind;
            this.cardinality = cardinality;
            this.acceptsUnknown = acceptsUnknown;
        }

        Node child(String key) {
            return switch (kind) {
                case ANY -> ANY;
                case OBJECT -> children.getOrDefault(key, acceptsUnknown ? ANY : UNKNOWN);
                default -> UNKNOWN;
            };
        }
    }

    private final Node root;

    private FieldSchema(Node root) {
        this.root = root;
    }

    /** The profile document's fields. */
    public static FieldSchema profile() {
        FieldSchema schema = profile;
        if (schema == null) {
            synchronized (FieldSchema.class) {
                if (profile == null) {
                    profile = load(IndexKind.PROFILE.mappingResource());
                }
                schema = profile;
            }
        }
        return schema;
    }

    /** The event document's fields. */
    public static FieldSchema event() {
        FieldSchema schema = event;
        if (schema == null) {
            synchronized (FieldSchema.class) {
                if (event == null) {
                    event = load(IndexKind.EVENT.mappingResource());
                }
                schema = event;
            }
        }
        return schema;
    }

    /** Reads an index mapping from the classpath. */
    static FieldSchema load(String resource) {
        try (InputStream in = FieldSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("mapping resource " + resource + " is missing from the build");
            }
            JsonNode mapping = MAPPER.readTree(in);
            JsonNode body = mapping.has("mappings") ? mapping.get("mappings") : mapping;
            return new FieldSchema(parse("", body, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mapping " + resource, e);
        }
    }

    /** The whole document, an object. */
    public Field root() {
        return new Field("", root);
    }

    /** Resolves a dot path; an invalid path is {@link Kind#UNKNOWN}. */
    public Field field(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            return new Field(path, Node.UNKNOWN);
        }
        Node node = root;
        for (String segment : path.split("\\.")) {
            node = node.child(segment);
            if (node.kind == Kind.UNKNOWN) {
                break;
            }
        }
        return new Field(path, node);
    }

    private static Node parse(String path, JsonNode mapping, boolean parentAcceptsUnknown) {
        if (mapping.has("enabled") && !mapping.get("enabled").asBoolean(true)) {
            return Node.ANY;
        }
        JsonNode properties = mapping.get("properties");
        String type = mapping.path("type").asText(properties != null ? "object" : "");
        if (properties != null && properties.isObject()) {
            boolean acceptsUnknown = parentAcceptsUnknown;
            if (mapping.has("dynamic")) {
                // "strict" refuses unknown fields; true maps them, false keeps them unindexed.
                acceptsUnknown = !"strict".equals(mapping.get("dynamic").asText());
            }
            Node node = new Node(Kind.OBJECT, Cardinality.SCALAR, acceptsUnknown);
            Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                node.children.put(field.getKey(), parse(childPath, field.getValue(), acceptsUnknown));
            }
            return node;
        }
        Cardinality cardinality = LISTS.contains(path) ? Cardinality.LIST
                : EITHER.contains(path) ? Cardinality.EITHER : Cardinality.SCALAR;
        return switch (type) {
            case "keyword", "text", "match_only_text", "wildcard", "constant_keyword" -> new Node(Kind.STRING, cardinality, false);
            case "double", "float", "half_float", "scaled_float" -> new Node(Kind.DOUBLE, Cardinality.SCALAR, false);
            case "long", "integer", "short", "byte", "unsigned_long" -> new Node(Kind.LONG, Cardinality.SCALAR, false);
            case "date", "date_nanos" -> new Node(Kind.DATE, Cardinality.SCALAR, false);
            case "boolean" -> new Node(Kind.BOOLEAN, Cardinality.SCALAR, false);
            case "geo_point" -> new Node(Kind.GEO_POINT, Cardinality.SCALAR, false);
            // object without properties (dynamic), flattened, and anything we do not know: free.
            default -> Node.ANY;
        };
    }
}
