package org.opencdp.server.rule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.flow.FlowModule;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Rules (private-api §3.10). */
public final class RuleModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        var jdbi = wiring.backends().mysql().jdbi();
        var changes = wiring.pipeline().configChanges();
        ConfigTable<ObjectNode> rules = new ConfigTable<>(jdbi, wiring.json(), changes, RuleService.SPEC);
        RuleService service = new RuleService(rules, new EventSourceDao(jdbi, wiring.json(), changes),
                FlowModule.flowService(wiring));
        return List.of(new RuleResource(service));
    }
}
