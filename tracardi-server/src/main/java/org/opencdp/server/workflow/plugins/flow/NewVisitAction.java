package org.opencdp.server.workflow.plugins.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Is it a new visit (workflows §8): {@code true} when this batch started a visit (processing §5.1). */
public final class NewVisitAction extends BasePlugin {

    public NewVisitAction() {
        super(V1 + "new_visit_action", "NewVisitAction", "Is it a new visit", "Flow control", List.of("payload"),
                List.of("true", "false"), null, "Tells whether the event starts a new visit.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> PortResult.on(context.newVisit() ? "true" : "false", payload);
    }
}
