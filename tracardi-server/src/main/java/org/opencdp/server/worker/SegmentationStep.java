package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.condition.ConditionContext;
import org.opencdp.server.condition.ConditionException;
import org.opencdp.server.condition.Conditions;
import org.opencdp.server.condition.Evaluation;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.workflow.rules.SegmentDefinitions;
import org.opencdp.server.workflow.rules.SegmentRule;

/**
 * Step P15, post-event segmentation (workflows §10, D13): each segment triggered by the batch's event types is
 * evaluated once; the profile holds its slug exactly while the condition holds.
 */
public final class SegmentationStep {

    private final SegmentDefinitions segments;
    private final Clock clock;

    public SegmentationStep(SegmentDefinitions segments, Clock clock) {
        this.segments = segments;
        this.clock = clock;
    }

    /** Applies membership changes to the profile; returns whether anything changed. Warnings are added to the list. */
    public boolean apply(TenantScope scope, List<EventDocument> events, ProfileDocument profile, SessionDocument session,
                         List<String> warnings) {
        if (profile == null || events.isEmpty()) {
            return false;
        }
        List<SegmentRule> enabled = segments.enabled(scope);
        if (enabled.isEmpty()) {
            return false;
        }
        Map<String, EventDocument> lastOfType = new LinkedHashMap<>();
        events.forEach(event -> lastOfType.put(event.type(), event));
        boolean changed = false;
        for (SegmentRule segment : enabled) {
            EventDocument trigger = null;
            for (Map.Entry<String, EventDocument> entry : lastOfType.entrySet()) {
                if (segment.triggeredBy(entry.getKey())) {
                    trigger = entry.getValue();
                }
            }
            if (trigger == null) {
                continue;
            }
            Evaluation result;
            try {
                result = Conditions.parse(segment.condition()).evaluate(ConditionContext.builder().profile(profile.json())
                        .event(trigger.json()).session(session == null ? null : session.json()).clock(clock).build());
            } catch (ConditionException e) {
                warnings.add("Segment " + segment.slug() + " was not evaluated: " + e.getMessage());
                continue;
            }
            result.warnings().forEach(warning -> warnings.add("Segment " + segment.slug() + ": " + warning));
            changed |= result.result() ? add(profile.json(), segment.slug()) : remove(profile.json(), segment.slug());
        }
        if (changed) {
            profile.json().withObject("metadata").withObject("time").put("segmentation", Times.format(clock.instant()));
        }
        return changed;
    }

    private static boolean add(ObjectNode profile, String slug) {
        ArrayNode list = segmentsOf(profile);
        for (JsonNode existing : list) {
            if (slug.equals(existing.asText())) {
                return false;
            }
        }
        list.add(slug);
        return true;
    }

    private static boolean remove(ObjectNode profile, String slug) {
        ArrayNode list = segmentsOf(profile);
        for (int i = 0; i < list.size(); i++) {
            if (slug.equals(list.get(i).asText())) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }

    private static ArrayNode segmentsOf(ObjectNode profile) {
        JsonNode segments = profile.get("segments");
        return segments instanceof ArrayNode array ? array : profile.putArray("segments");
    }
}
