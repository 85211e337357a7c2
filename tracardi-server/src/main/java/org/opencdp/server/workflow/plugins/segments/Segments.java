package org.opencdp.server.workflow.plugins.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.workflow.plugin.NodeContext;

/** Segment slugs and membership changes shared by the segment actions (workflows §8, §10). */
public final class Segments {

    private Segments() {
    }

    /** The machine name of a segment: lower-cased, each space replaced by {@code -} ({@code "Test segment"} → {@code test-segment}). */
    public static String slug(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /**
     * The slug a configured segment stands for: a literal name or a reference to one.
     *
     * @throws IllegalArgumentException when the value is not a non-blank text
     */
    static String resolve(String configured, NodeContext context) {
        JsonNode value = context.dots().resolve(TextNode.valueOf(configured));
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw new IllegalArgumentException("Segment '" + configured + "' does not name a segment.");
        }
        return slug(value.asText());
    }

    static boolean has(ObjectNode profile, String slug) {
        for (JsonNode segment : profile.path("segments")) {
            if (segment.asText().equals(slug)) {
                return true;
            }
        }
        return false;
    }

    /** Adds the slug when absent and stamps {@code metadata.time.segmentation}. */
    static void add(ObjectNode profile, String slug, NodeContext context) {
        if (!has(profile, slug)) {
            segments(profile).add(slug);
            profile.withObject("metadata").withObject("time").put("segmentation", Times.format(context.now()));
        }
    }

    static void remove(ObjectNode profile, String slug, NodeContext context) {
        ArrayNode segments = segments(profile);
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (segments.get(i).asText().equals(slug)) {
                segments.remove(i);
                profile.withObject("metadata").withObject("time").put("segmentation", Times.format(context.now()));
            }
        }
    }

    private static ArrayNode segments(ObjectNode profile) {
        JsonNode segments = profile.get("segments");
        return segments instanceof ArrayNode array ? array : profile.putArray("segments");
    }
}
