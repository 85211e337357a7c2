package org.opencdp.server.mapping;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.ConditionValidator;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Event-type metadata and event-to-profile mappings (private-api §3.5). */
public final class MappingModule implements PrivateApiModule {

    private final ConditionValidator conditions;

    public MappingModule() {
        this(ConditionValidator.tql());
    }

    /** With the condition language's parser for {@code config.condition}. */
    public MappingModule(ConditionValidator conditions) {
        this.conditions = conditions;
    }

    @Override
    public List<Object> components(ApiWiring wiring) {
        var jdbi = wiring.backends().mysql().jdbi();
        var changes = wiring.pipeline().configChanges();
        EventRetagger retagger = new EventRetagger(wiring.backends().elastic(), wiring.json());
        return List.of(new EventTypeMetadataResource(new ConfigTable<>(jdbi, wiring.json(), changes,
                        EventTypeMetadataResource.SPEC), retagger),
                new EventToProfileResource(new EventToProfileMappingDao(jdbi, wiring.json(), changes), conditions));
    }
}
