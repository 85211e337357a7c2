package org.opencdp.server.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Test helper: the shape of a JSON document as a list of paths with their JSON kind. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** Every path with {@code :object}, {@code :array} or {@code :value} (scalars and null); lists are not entered. */
    public static List<String> of(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect("", node, paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode node, List<String> paths) {
        if (node.isObject()) {
            paths.add(prefix + ":object");
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                collect(prefix + "/" + name, node.get(name), paths);
            }
        } else {
            paths.add(prefix + (node.isArray() ? ":array" : ":value"));
        }
    }
}
