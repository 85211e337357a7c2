package org.opencdp.server.resource;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Resources (private-api §3.11). */
public final class ResourceModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        return List.of(new ResourceResource(resourceService(wiring)));
    }

    /** The resource store with credentials sealed by {@code security.secretKey}. */
    public static ResourceService resourceService(ApiWiring wiring) {
        return new ResourceService(new ConfigTable<>(wiring.backends().mysql().jdbi(), wiring.json(),
                wiring.pipeline().configChanges(), ResourceService.SPEC),
                new CredentialCipher(wiring.config().security().secretKeyBytes()), wiring.json(),
                new org.opencdp.server.source.EventSourceDao(wiring.backends().mysql().jdbi(), wiring.json(),
                        wiring.pipeline().configChanges()));
    }
}
