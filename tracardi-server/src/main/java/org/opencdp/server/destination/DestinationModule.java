package org.opencdp.server.destination;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.ConditionValidator;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.resource.ResourceModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Destinations (private-api §3.11). */
public final class DestinationModule implements PrivateApiModule {

    private final ConditionValidator conditions;

    public DestinationModule() {
        this(ConditionValidator.tql());
    }

    /** With the condition language's parser (a bad condition → 422). */
    public DestinationModule(ConditionValidator conditions) {
        this.conditions = conditions;
    }

    @Override
    public List<Object> components(ApiWiring wiring) {
        return List.of(new DestinationResource(new ConfigTable<>(wiring.backends().mysql().jdbi(), wiring.json(),
                wiring.pipeline().configChanges(), DestinationResource.SPEC), ResourceModule.resourceService(wiring), conditions));
    }
}
