package org.opencdp.server.consent;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Consent types (private-api §3.12). */
public final class ConsentModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        var consents = new ConfigTable<>(wiring.backends().mysql().jdbi(), wiring.json(),
                wiring.pipeline().configChanges(), ConsentTypeResource.SPEC);
        // The public lists (enabled, ids) are registered by the collector context, which every collecting role has.
        return List.of(new ConsentTypeResource(consents), new ConsentCatalogueResource(consents));
    }
}
