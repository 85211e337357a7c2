package org.opencdp.server.workflow.plugins.misc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.function.Supplier;
import org.opencdp.server.enrichment.UserAgentInfo;
import org.opencdp.server.enrichment.UserAgentParser;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Detect device (workflows §8): parses the user agent the {@code agent} reference points to with the same parser
 * as session enrichment and emits {@code {device, os, browser, bot}}.
 */
public final class DetectClientAgentAction extends BasePlugin {

    private final Supplier<UserAgentParser> parser;

    /** @param parser the shared parser (it loads a few hundred patterns, so it is created once and shared) */
    public DetectClientAgentAction(Supplier<UserAgentParser> parser) {
        super(V1 + "detect_client_agent_action", "DetectClientAgentAction", "Detect device", "Data processing",
                List.of("payload"), List.of("payload"), "{\"agent\": \"session@context.browser.local.browser.userAgent\"}",
                "Detects the browser, operating system and device of a user agent.");
        this.parser = parser;
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String agent = Init.requiredText(initOrDefault(init), "agent").trim();
        return (port, payload, context) -> {
            JsonNode value = context.dots().resolve(TextNode.valueOf(agent));
            if (value == null || !value.isTextual()) {
                throw new IllegalArgumentException("The user agent at " + agent + " is not a string.");
            }
            UserAgentInfo info = parser.get().parse(value.textValue());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ObjectNode device = out.putObject("device");
            device.put("name", info.device().name());
            device.put("brand", info.device().brand());
            device.put("model", info.device().model());
            device.put("type", info.device().type());
            device.put("touch", info.device().touch());
            out.putObject("os").put("name", info.os().name()).put("version", info.os().version());
            out.putObject("browser").put("name", info.app().name()).put("version", info.app().version());
            out.put("bot", info.app().bot());
            return PortResult.on("payload", out);
        };
    }
}
