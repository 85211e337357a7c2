package org.opencdp.server.workflow.plugins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugin.ProfileLookup;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Load profile by field (workflows §8): the single active profile whose {@code field} equals {@code value}
 * replaces the current profile and is emitted on {@code profile}. None or several → {@code error}.
 */
public final class InjectProfileByField extends BasePlugin {

    private final ProfileLookup profiles;

    public InjectProfileByField(ProfileLookup profiles) {
        super(V1 + "internal.inject_profile_by_field.plugin", "InjectProfileByField", "Load profile by ...", "Operations",
                List.of("payload"), List.of("profile", "error"),
                "{\"field\": \"data.contact.email.main\", \"value\": \"event@properties.email\"}",
                "Replaces the current profile with the one found by a field.");
        this.profiles = profiles;
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String field = Init.requiredText(config, "field").trim();
        String value = Init.requiredText(config, "value");
        if (field.contains("@")) {
            throw new PluginConfigException("field is a profile path such as data.contact.email.main, without profile@");
        }
        return (port, payload, context) -> {
            JsonNode wanted = context.dots().resolve(TextNode.valueOf(value));
            List<Versioned<ObjectNode>> found = profiles.findActive(context.scope(), field, wanted, 2);
            if (found.size() != 1) {
                String message = "Found " + found.size() + (found.size() > 1 ? " or more" : "") + " profiles for " + field + " = " + wanted + ".";
                context.console().warning(message);
                return PortResult.on("error", Init.errorMessage(message));
            }
            Versioned<ObjectNode> profile = found.get(0);
            context.replaceProfile(profile);
            return PortResult.on("profile", profile.document().deepCopy());
        };
    }
}
