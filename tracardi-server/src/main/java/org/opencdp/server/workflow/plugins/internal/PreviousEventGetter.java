package org.opencdp.server.workflow.plugins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.workflow.plugin.EventHistory;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Get previous event (workflows §8): the event {@code -offset} places back from the current one (0 = the
 * current event itself, -1 = the one before) of the profile, of the configured type or of the current event's type for {@code @current}. Emitted on
 * {@code found}; the input goes to {@code not_found} otherwise.
 */
public final class PreviousEventGetter extends BasePlugin {

    private final EventHistory events;

    public PreviousEventGetter(EventHistory events) {
        super(V1 + "internal.get_prev_event.plugin", "PreviousEventGetter", "Get previous event", "Events",
                List.of("payload"), List.of("found", "not_found"),
                "{\"event_type\": {\"id\": \"@current\", \"name\": \"@current\"}, \"offset\": -1}",
                "Loads an earlier event of the profile.");
        this.events = events;
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        JsonNode type = config.path("event_type");
        String eventType = (type.isObject() ? type.path("id").asText("") : type.asText("")).trim();
        if (eventType.isEmpty()) {
            throw new PluginConfigException("event_type must name an event type or @current");
        }
        long offset = Init.integer(config, "offset", -1);
        if (offset < -10 || offset > 0) {
            throw new PluginConfigException("offset must be between -10 and 0");
        }
        return (port, payload, context) -> {
            String wanted = eventType.equals("@current") ? context.event().path("type").asText() : eventType;
            String profileId = context.profile() == null ? null : context.profile().path("id").asText(null);
            Optional<ObjectNode> found = offset == 0 && wanted.equals(context.event().path("type").asText())
                    ? Optional.of(context.event().deepCopy())
                    : events.nthLast(context.scope(), profileId, wanted, (int) Math.max(1, -offset), context.event().path("id").asText(null));
            return found.<java.util.List<PortResult>>map(event -> PortResult.on("found", event))
                    .orElseGet(() -> PortResult.on("not_found", payload));
        };
    }
}
