package org.opencdp.server.workflow.plugins.misc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.UUID;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** UUID4 (workflows §8): emits {@code {"uuid4": <random UUID>}} on {@code uuid4}, as Tracardi does. */
public final class GetUuid4Action extends BasePlugin {

    public GetUuid4Action() {
        super(V1 + "misc.uuid4.plugin", "GetUuid4Action", "UUID4", "Operations", List.of("payload"), List.of("uuid4"),
                null, "Generates a random UUID.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> PortResult.on("uuid4",
                JsonNodeFactory.instance.objectNode().put("uuid4", UUID.randomUUID().toString()));
    }
}
