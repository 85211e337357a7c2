package org.opencdp.server.workflow.plugins.consents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.workflow.plugin.ConsentTypeLookup;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Add consent (workflows §8), as {@code /customer/consent} without {@code all} (collector §7): for each enabled
 * consent type in the referenced {@code {id: bool}} object, {@code true} grants it with
 * {@code revoke = now + auto_revoke} (or null when not revokable) and {@code false} removes it. Unknown ids are
 * skipped with a warning.
 */
public final class ConsentAdder extends BasePlugin {

    private final ConsentTypeLookup consentTypes;

    public ConsentAdder(ConsentTypeLookup consentTypes) {
        super(V1 + "consents.add_consent_action.plugin", "ConsentAdder", "Add consent", "Consents", List.of("payload"),
                List.of("payload"), "{\"consents\": null}", "Adds consents to the profile.");
        this.consentTypes = consentTypes;
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String reference = Init.requiredText(initOrDefault(init), "consents");
        return (port, payload, context) -> {
            if (context.profile() == null) {
                context.console().error("Can not add consents on a profile-less event.");
                return PortResult.none();
            }
            JsonNode given = context.dots().resolve(TextNode.valueOf(reference));
            if (given == null || !given.isObject()) {
                throw new IllegalArgumentException("Consents must be an object with consent ids as keys and booleans as values.");
            }
            ObjectNode consents = context.profile().withObject("consents");
            boolean changed = false;
            for (Map.Entry<String, JsonNode> entry : given.properties()) {
                Optional<JsonNode> type = consentTypes.find(context.scope(), entry.getKey());
                if (type.isEmpty() || !type.get().path("enabled").asBoolean(true)) {
                    context.console().warning("Consent `" + entry.getKey() + "` was skipped: there is no enabled consent type with this id.");
                    continue;
                }
                if (entry.getValue().asBoolean(false)) {
                    ObjectNode consent = consents.putObject(entry.getKey());
                    String autoRevoke = type.get().path("auto_revoke").asText("");
                    if (type.get().path("revokable").asBoolean(false) && !autoRevoke.isBlank()) {
                        consent.put("revoke", Times.format(context.now().plus(ConsentDurations.parse(autoRevoke))));
                    } else {
                        consent.putNull("revoke");
                    }
                } else {
                    consents.remove(entry.getKey());
                }
                changed = true;
            }
            if (changed) {
                context.profile().withObject("aux").withObject("consents").put("granted", true);
            }
            return PortResult.on("payload", payload);
        };
    }
}
