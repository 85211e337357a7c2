package org.opencdp.server.workflow.plugins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/** Create empty session (workflows §8): gives a session-less event a new session, bound to its profile if any. */
public final class AddEmptySessionAction extends BasePlugin {

    public AddEmptySessionAction() {
        super(V1 + "internal.add_empty_session.plugin", "AddEmptySessionAction", "Create empty session", "Operations",
                List.of("payload"), List.of("payload"), "{}", "Creates a new session for a session-less event.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> {
            if (context.session() != null) {
                context.console().warning("The event already has a session; no session was created.");
                return PortResult.on("payload", payload);
            }
            String profileId = context.profile() == null ? null : context.profile().path("id").asText(null);
            context.replaceSession(SessionDocument.create(UUID.randomUUID().toString(), profileId, context.now(), null).json());
            return PortResult.on("payload", payload);
        };
    }
}
