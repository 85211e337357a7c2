package org.opencdp.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Lets a configuration file start from another: a top-level {@code extends: base.yml} (relative to the
 * file) loads the base first and lays this file's keys over it, objects merged key by key, lists and
 * scalars replaced. The role files in {@code config/} use it to override only their ports and locks.
 * Placeholders are substituted afterwards, on the merged text.
 */
public final class LayeredConfigurationSourceProvider implements ConfigurationSourceProvider {

    static final String EXTENDS = "extends";
    private static final int MAX_DEPTH = 8;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Override
    public InputStream open(String path) throws IOException {
        JsonNode merged = load(Path.of(path).toAbsolutePath().normalize(), new HashSet<>());
        return new ByteArrayInputStream(yaml.writeValueAsBytes(merged));
    }

    private JsonNode load(Path file, Set<Path> seen) throws IOException {
        if (!seen.add(file) || seen.size() > MAX_DEPTH) {
            throw new IOException("configuration files extend each other in a loop at " + file);
        }
        JsonNode node;
        try (InputStream in = Files.newInputStream(file)) {
            node = yaml.readTree(in);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return yaml.createObjectNode();
        }
        if (!(node instanceof ObjectNode object) || !object.has(EXTENDS)) {
            return node;
        }
        String base = object.remove(EXTENDS).asText();
        Path baseFile = file.resolveSibling(base).normalize();
        if (!Files.isRegularFile(baseFile)) {
            throw new IOException(file + ": extends '" + base + "', which does not exist at " + baseFile);
        }
        JsonNode parent = load(baseFile, seen);
        return merge(parent.deepCopy(), object);
    }

    static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (!(base instanceof ObjectNode baseObject) || !(overlay instanceof ObjectNode)) {
            return overlay;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = baseObject.get(field.getKey());
            baseObject.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
        }
        return baseObject;
    }
}
