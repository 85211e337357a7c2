package org.opencdp.server.workflow.plugins.consents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Require consents (workflows §8): {@code true} when the profile holds all (or, without {@code require_all}, any)
 * of the consents, a consent being held when it is granted and its {@code revoke} is null or in the future.
 */
public final class RequireConsentsAction extends BasePlugin {

    public RequireConsentsAction() {
        super(V1 + "consents.require_consents_action.plugin", "RequireConsentsAction", "Require consents", "Consents",
                List.of("payload"), List.of("true", "false"), "{\"consent_ids\": [], \"require_all\": false}",
                "Checks that the profile granted the consents.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        JsonNode list = config.path("consent_ids");
        if (!list.isArray() && !list.isMissingNode() && !list.isNull()) {
            throw new PluginConfigException("consent_ids must be a list");
        }
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.isObject() ? item.path("id").asText("") : item.asText("")));
        ids.removeIf(String::isBlank);
        boolean requireAll = Init.bool(config, "require_all", false);
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().warning("Cannot check consents of a profile-less event.");
                return PortResult.on("false", payload);
            }
            JsonNode consents = context.profile().path("consents");
            Instant now = context.now();
            long held = ids.stream().filter(id -> holds(consents.get(id), now)).count();
            boolean granted = requireAll ? held == ids.size() : held > 0;
            return PortResult.on(granted ? "true" : "false", payload);
        };
    }

    private static boolean holds(JsonNode consent, Instant now) {
        if (consent == null || consent.isNull()) {
            return false;
        }
        JsonNode revoke = consent.path("revoke");
        if (revoke.isMissingNode() || revoke.isNull()) {
            return true;
        }
        Optional<Instant> until = Times.parse(revoke);
        return until.isPresent() && until.get().isAfter(now);
    }
}
