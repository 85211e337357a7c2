package org.opencdp.server.workflow.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Enabled rules of one tenant and context by event type, then source (processing §13.1): matching an event is
 * two map lookups, never a scan of every rule. Rules are kept in firing order: name, then id.
 */
public final class TriggerIndex {

    private final Map<String, Map<String, List<Trigger>>> byTypeAndSource = new HashMap<>();

    public TriggerIndex(List<Trigger> triggers) {
        List<Trigger> ordered = new ArrayList<>(triggers);
        ordered.sort(Comparator.comparing(Trigger::name).thenComparing(Trigger::id));
        for (Trigger trigger : ordered) {
            byTypeAndSource.computeIfAbsent(trigger.eventType(), t -> new HashMap<>())
                    .computeIfAbsent(trigger.sourceId(), s -> new ArrayList<>()).add(trigger);
        }
    }

    /** The rules for this event type and source, in firing order. */
    public List<Trigger> match(String eventType, String sourceId) {
        return byTypeAndSource.getOrDefault(eventType, Map.of()).getOrDefault(sourceId, List.of());
    }

    public boolean isEmpty() {
        return byTypeAndSource.isEmpty();
    }
}
