package org.opencdp.server.workflow.plugins.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Merge profiles (workflows §8): asks for a merge by the given profile keys after all flows (processing §10.1,
 * P14). The keys are checked when the node runs, as Tracardi does, and a bad list goes to {@code error}.
 */
public final class MergeProfilesAction extends BasePlugin {

    public MergeProfilesAction() {
        super(V1 + "operations.merge_profiles_action", "MergeProfilesAction", "Merge profiles", "Operations",
                List.of("payload"), List.of("payload", "error"), "{\"mergeBy\": [\"profile@data.contact.email.main\"]}",
                "Merges profiles that share the values of the given keys.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        JsonNode mergeBy = initOrDefault(init).path("mergeBy");
        return (port, payload, context) -> {
            List<String> keys = new ArrayList<>();
            for (JsonNode key : mergeBy) {
                keys.add(key.asText());
            }
            if (!mergeBy.isArray() || keys.isEmpty()) {
                return PortResult.on("error", Init.errorMessage("mergeBy must list at least one profile key."));
            }
            for (String key : keys) {
                if (DotReference.parse(key).filter(ref -> ref.source().equals("profile") && !ref.segments().isEmpty()).isEmpty()) {
                    return PortResult.on("error", Init.errorMessage("Merge key '" + key + "' is not a profile@ reference."));
                }
            }
            if (context.profile() == null) {
                context.console().warning("The event has no profile; there is nothing to merge.");
                return PortResult.on("payload", payload);
            }
            context.requestMerge(keys);
            return PortResult.on("payload", payload);
        };
    }
}
