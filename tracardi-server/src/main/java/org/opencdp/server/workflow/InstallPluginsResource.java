package org.opencdp.server.workflow;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.RequestScope;

/** {@code GET /install/plugins} (private-api §3.2): re-seeds the action plugin registry. */
@Path("/install/plugins")
@Produces(MediaType.APPLICATION_JSON)
public final class InstallPluginsResource {

    private final PluginRegistrySeeder seeder;

    public InstallPluginsResource(PluginRegistrySeeder seeder) {
        this.seeder = seeder;
    }

    @GET
    @RolesAllowed(ApiRoles.ADMIN)
    public Map<String, Object> install(@Context ContainerRequestContext request) {
        PluginRegistrySeeder.Result result = seeder.seed(RequestScope.of(request));
        List<String> installed = new ArrayList<>(result.added());
        installed.addAll(result.existing());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("installed", installed);
        body.put("errors", List.of());
        return body;
    }
}
