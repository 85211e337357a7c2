package org.opencdp.server.flow;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.rule.RuleService;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Flows and the action plugin registry (private-api §3.9). */
public final class FlowModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        var jdbi = wiring.backends().mysql().jdbi();
        var validator = new org.opencdp.server.workflow.FlowValidator(wiring.pipeline().workflows());
        return List.of(new FlowResource(flowService(wiring), validator::validate),
                new PluginResource(new ConfigTable<>(jdbi, wiring.json(), wiring.pipeline().configChanges(),
                        PluginResource.SPEC)));
    }

    /** The flow service over the {@code workflow} table; deleting a flow also deletes its rules. */
    public static FlowService flowService(ApiWiring wiring) {
        var jdbi = wiring.backends().mysql().jdbi();
        var changes = wiring.pipeline().configChanges();
        return new FlowService(new ConfigTable<>(jdbi, wiring.json(), changes, FlowRecords.SPEC),
                new ConfigTable<>(jdbi, wiring.json(), changes, RuleService.SPEC));
    }
}
