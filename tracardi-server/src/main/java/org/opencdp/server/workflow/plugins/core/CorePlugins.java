package org.opencdp.server.workflow.plugins.core;

import java.util.List;
import org.opencdp.server.workflow.plugin.ActionPlugin;

/** The seven actions Tracardi's own tests use (workflows §7). */
public final class CorePlugins {

    private CorePlugins() {
    }

    public static List<ActionPlugin> all() {
        return List.of(new StartAction(), new IncreaseViewsAction(), new IncreaseVisitsAction(), new EndAction(),
                new CopyTraitAction(), new AppendTraitAction(), new UpdateProfileAction());
    }
}
