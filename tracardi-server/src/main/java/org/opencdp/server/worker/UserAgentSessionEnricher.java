package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.enrichment.Languages;
import org.opencdp.server.enrichment.UserAgentInfo;
import org.opencdp.server.enrichment.UserAgentParser;
import org.opencdp.server.session.SessionDocument;

/**
 * Session enrichment from the tracker context and request headers (processing §6.1, §6.2): the parsed user
 * agent, screen, spoken languages, client addresses and UTM parameters.
 */
public final class UserAgentSessionEnricher implements SessionEnricher {

    private final UserAgentParser userAgents;

    public UserAgentSessionEnricher(UserAgentParser userAgents) {
        this.userAgents = userAgents;
    }

    @Override
    public void enrichNew(SessionDocument session, BatchRecord batch) {
        ObjectNode doc = session.json();
        JsonNode context = batch.context() == null ? doc.objectNode() : batch.context();
        Map<String, String> headers = batch.headers() == null ? Map.of() : batch.headers();
        String userAgent = DotPath.getText(context, "browser.local.browser.userAgent").orElse(headers.get("user-agent"));
        UserAgentInfo agent = userAgent == null ? UserAgentInfo.UNKNOWN : userAgents.parse(userAgent);
        ObjectNode os = (ObjectNode) doc.path("os");
        os.put("name", agent.os().name());
        os.put("version", agent.os().version());
        ObjectNode device = (ObjectNode) doc.path("device");
        device.put("name", agent.device().name());
        device.put("brand", agent.device().brand());
        device.put("model", agent.device().model());
        device.put("type", agent.device().type());
        device.put("touch", agent.device().touch());
        for (String field : new String[] {"name", "brand", "model", "type"}) {
            DotPath.getText(context, "device." + field).ifPresent(value -> device.put(field, value));
        }
        JsonNode screen = context.path("screen").path("local");
        if (screen.path("width").isNumber() && screen.path("height").isNumber()) {
            device.put("resolution", screen.path("width").asLong() + "x" + screen.path("height").asLong());
        }
        if (screen.path("colorDepth").isNumber()) {
            device.put("color_depth", screen.path("colorDepth").asInt());
        }
        if (screen.path("orientation").isTextual()) {
            device.put("orientation", screen.path("orientation").asText());
        }
        String forwarded = headers.get("x-forwarded-for");
        if (forwarded != null && !forwarded.isBlank()) {
            device.put("ip", forwarded.split(",")[0].trim());
        }
        ObjectNode app = (ObjectNode) doc.path("app");
        app.put("type", agent.app().type());
        app.put("name", agent.app().name());
        app.put("version", agent.app().version());
        app.put("bot", userAgents.isBot(userAgent, headers.get("from")));
        DotPath.getText(context, "browser.local.browser.language").ifPresent(language -> app.put("language", language));
        if (batch.clientIp() != null) {
            ((ObjectNode) doc.path("context")).put("ip", batch.clientIp());
        }
        List<String> codes = Languages.codes(headers.get("accept-language"));
        if (!codes.isEmpty()) {
            ObjectNode sessionContext = (ObjectNode) doc.path("context");
            sessionContext.set("language_codes", sessionContext.arrayNode().addAll(codes.stream()
                    .map(sessionContext::textNode).toList()));
            sessionContext.set("language", sessionContext.arrayNode().addAll(Languages.names(codes).stream()
                    .map(sessionContext::textNode).toList()));
        }
    }

    @Override
    public void enrichEvery(SessionDocument session, BatchRecord batch) {
        if (batch.context() != null) {
            session.fillUtm(batch.context().path("utm"));
            session.mergeContext(batch.context());
        }
        if (batch.properties() != null) {
            session.mergeProperties(batch.properties());
        }
        if (batch.clientIp() != null) {
            ((ObjectNode) session.json().path("context")).put("ip", batch.clientIp());
        }
    }
}
