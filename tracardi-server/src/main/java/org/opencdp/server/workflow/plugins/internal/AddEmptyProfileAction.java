package org.opencdp.server.workflow.plugins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;

/**
 * Create empty profile (workflows §8): gives a profile-less event a new profile, and a new session bound to it
 * when the event has none (an existing session is bound to the new profile).
 */
public final class AddEmptyProfileAction extends BasePlugin {

    public AddEmptyProfileAction() {
        super(V1 + "internal.add_empty_profile.plugin", "AddEmptyProfileAction", "Create empty profile", "Operations",
                List.of("payload"), List.of("payload"), "{}", "Creates a new profile for a profile-less event.");
    }

    @Override
    public NodeRunner compile(JsonNode init) {
        return (port, payload, context) -> {
            if (context.profile() != null) {
                context.console().warning("The event already has a profile; no profile was created.");
                return PortResult.on("payload", payload);
            }
            ProfileDocument profile = ProfileDocument.create(UUID.randomUUID().toString(), context.now());
            context.replaceProfile(profile.json());
            if (context.session() == null) {
                context.replaceSession(SessionDocument.create(UUID.randomUUID().toString(), profile.id(), context.now(),
                        null).json());
            } else {
                SessionDocument.of(context.session()).rebind(profile.id());
                context.requestSessionSave();
            }
            return PortResult.on("payload", payload);
        };
    }
}
