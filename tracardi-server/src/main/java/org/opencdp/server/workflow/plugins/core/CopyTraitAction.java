package org.opencdp.server.workflow.plugins.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Copy data (workflows §7 #5): writes each source value to its target, refusing {@code event@} targets. */
public final class CopyTraitAction extends BasePlugin {

    public CopyTraitAction() {
        super(V1 + "traits.copy_trait_action", "CopyTraitAction", "Copy data", "Data processing", List.of("payload"),
                List.of("payload", "error"), "{\"traits\": {\"set\": {}}}", "Copies data between profile, event, session and payload.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        TraitPairs pairs = TraitPairs.parse(config.path("traits").path("set"), "traits.set");
        return (port, payload, context) -> {
            DotAccessor dots = context.dots();
            boolean discarded = false;
            for (TraitPairs.Pair pair : pairs.pairs()) {
                if (pair.target().source().equals("event")) {
                    context.console().warning("Copy data does not write to the event: " + pair.target() + " skipped.");
                    continue;
                }
                JsonNode value = dots.resolve(pair.source());
                if (pair.target().source().equals("profile")) {
                    if (context.profile() == null) {
                        discarded = true;
                        continue;
                    }
                    if (!context.profile().path("traits").isObject()) {
                        return PortResult.on("error", JsonNodeFactory.instance.objectNode()
                                .put("message", "Profile traits are not an object."));
                    }
                }
                dots.write(pair.target(), value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
            }
            if (discarded) {
                context.console().warning("The event has no profile; profile writes were discarded.");
            }
            return PortResult.on("payload", payload);
        };
    }
}
