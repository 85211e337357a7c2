package org.opencdp.server.workflow.rules;

import java.util.List;

/**
 * An enabled conditional segment (domain-model §8) as post-event segmentation needs it.
 *
 * @param eventTypes the types whose events trigger evaluation; empty means every event
 * @param slug       the value kept in {@code profile.segments}
 */
public record SegmentRule(String id, String slug, List<String> eventTypes, String condition) {

    public SegmentRule {
        eventTypes = List.copyOf(eventTypes);
    }

    /** Lower-cased name with each space replaced by {@code -} (workflows §10). */
    public static String slugOf(String name) {
        return name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }

    public boolean triggeredBy(String eventType) {
        return eventTypes.isEmpty() || eventTypes.contains(eventType);
    }
}
