package org.opencdp.server.workflow.plugins.ux;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Show consent bar (workflows §8): appends the consent widget's {@code div} and {@code script} to {@code ux},
 * unless {@code always_display} is off and the profile already holds consents.
 */
public final class ConsentUx extends BasePlugin {

    public ConsentUx() {
        super(V1 + "ux.consent.plugin", "ConsentUx", "Show consent bar", "UIX Widgets", List.of("payload"),
                List.of("payload"),
                "{\"endpoint\": \"http://localhost:8686\", \"uix_source\": \"http://localhost:8686\", \"event_type\": \"user-consent-pref\","
                        + " \"agree_all_event_type\": \"agree-all-event-type\", \"position\": \"bottom\", \"expand_height\": 400,"
                        + " \"enabled\": true, \"always_display\": true}",
                "Shows the consent bar on the page.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String endpoint = Init.requiredText(config, "endpoint");
        String uixSource = stripSlash(Init.requiredText(config, "uix_source"));
        String eventType = Init.requiredText(config, "event_type");
        String agreeAll = Init.requiredText(config, "agree_all_event_type");
        String position = Init.text(config, "position", "bottom");
        long height = Init.integer(config, "expand_height", 400);
        boolean enabled = Init.bool(config, "enabled", true);
        boolean alwaysDisplay = Init.bool(config, "always_display", true);
        if (!position.equals("top") && !position.equals("bottom")) {
            throw new PluginConfigException("position must be top or bottom");
        }
        return (port, payload, context) -> {
            boolean hasConsents = context.profile() != null && !context.profile().path("consents").isEmpty();
            if (!enabled || (!alwaysDisplay && hasConsents)) {
                return PortResult.on("payload", payload);
            }
            ObjectNode div = context.ux().addObject().put("tag", "div");
            ObjectNode props = div.putObject("props");
            props.put("class", "tracardi-uix-consent");
            props.put("data-endpoint", endpoint);
            props.put("data-event-type", eventType);
            props.put("data-agree-all-event-type", agreeAll);
            props.put("data-position", position);
            props.put("data-expand-height", height);
            props.put("data-profile", context.profile() == null ? null : context.profile().path("id").asText(null));
            props.put("data-session", context.session() == null ? null : context.session().path("id").asText(null));
            props.put("data-source", context.event().path("source").path("id").asText(null));
            div.putNull("content");
            ObjectNode script = context.ux().addObject().put("tag", "script");
            script.putObject("props").put("src", uixSource + "/uix/consent/index.js");
            script.putNull("content");
            return PortResult.on("payload", payload);
        };
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
