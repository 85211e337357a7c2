package org.opencdp.server.workflow.plugins.traits;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Delete data (workflows §8): removes each listed path; missing paths are ignored and {@code event@} is refused. */
public final class DeleteTraitAction extends BasePlugin {

    public DeleteTraitAction() {
        super(V1 + "traits.delete_trait_action", "DeleteTraitAction", "Delete data", "Data processing", List.of("payload"),
                List.of("payload"), "{\"delete\": []}", "Deletes data from the profile, session or memory.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode list = initOrDefault(init).path("delete");
        if (!list.isArray() && !list.isMissingNode() && !list.isNull()) {
            throw new PluginConfigException("delete must be a list of dot references");
        }
        List<DotReference> paths = new ArrayList<>();
        for (JsonNode item : list) {
            paths.add(DotReference.parse(item.asText()).orElseThrow(() ->
                    new PluginConfigException("delete: '" + item.asText() + "' is not a dot reference such as profile@traits.x")));
        }
        return (port, payload, context) -> {
            DotAccessor dots = context.dots();
            for (DotReference path : paths) {
                if (path.source().equals("event")) {
                    context.console().warning("Delete data does not change the event: " + path + " skipped.");
                } else if (path.source().equals("profile") && context.profile() == null) {
                    context.console().warning("The event has no profile; " + path + " was not deleted.");
                } else if (path.segments().isEmpty()) {
                    context.console().warning("Delete data does not delete a whole object: " + path + " skipped.");
                } else {
                    dots.delete(path);
                }
            }
            return PortResult.on("payload", payload);
        };
    }
}
