package org.opencdp.server.segment;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.ConditionValidator;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Segments and live segments (private-api §3.10). */
public final class SegmentModule implements PrivateApiModule {

    private final ConditionValidator conditions;

    public SegmentModule() {
        this(ConditionValidator.tql());
    }

    /** With the condition language's parser, so that conditions that do not parse are refused (D32). */
    public SegmentModule(ConditionValidator conditions) {
        this.conditions = conditions;
    }

    @Override
    public List<Object> components(ApiWiring wiring) {
        var jdbi = wiring.backends().mysql().jdbi();
        var changes = wiring.pipeline().configChanges();
        return List.of(new SegmentResource(new ConfigTable<>(jdbi, wiring.json(), changes, SegmentResource.SPEC), conditions),
                new LiveSegmentResource(new ConfigTable<>(jdbi, wiring.json(), changes, LiveSegmentResource.SPEC)));
    }
}
