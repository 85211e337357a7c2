package org.opencdp.server.identification;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Identification points (private-api §3.6). */
public final class IdentificationModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        return List.of(new IdentificationPointResource(new ConfigTable<>(wiring.backends().mysql().jdbi(), wiring.json(),
                wiring.pipeline().configChanges(), IdentificationPointResource.SPEC)));
    }
}
