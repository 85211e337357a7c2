package org.opencdp.server.report;

import java.util.List;
import org.opencdp.server.api.ApiWiring;
import org.opencdp.server.api.PrivateApiModule;
import org.opencdp.server.storage.mysql.ConfigTable;

/** Reports (private-api §3.13). */
public final class ReportModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        return List.of(new ReportResource(new ConfigTable<>(wiring.backends().mysql().jdbi(), wiring.json(),
                wiring.pipeline().configChanges(), ReportResource.SPEC), new ReportRunner(wiring.backends().elastic(), wiring.json())));
    }
}
