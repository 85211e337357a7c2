package org.opencdp.server.deploy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigTable;

/**
 * Deployment (private-api §3.13, §6): copies a staging configuration row to production, or removes the
 * production row. Both publish the change, so the collector and workers see production at once.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class DeployResource {

    private final Map<String, ConfigTable<?>> tables;

    public DeployResource(Map<String, ConfigTable<?>> tables) {
        this.tables = Map.copyOf(tables);
    }

    @GET
    @Path("deploy/{table}/{id}")
    public Response deploy(@PathParam("table") String table, @PathParam("id") String id,
                           @Context ContainerRequestContext request) {
        ConfigTable<?> target = tables.get(table);
        if (target == null) {
            return unknownTable(table);
        }
        Tenant tenant = RequestScope.of(request).tenant();
        if (!target.copyToProduction(tenant, key(table, id))) {
            return ApiResponses.detail(404, "Missing staging record " + id + " in " + table);
        }
        return Response.ok(Map.of("deployed", true)).build();
    }

    @GET
    @Path("undeploy/{table}/{id}")
    public Response undeploy(@PathParam("table") String table, @PathParam("id") String id,
                             @Context ContainerRequestContext request) {
        ConfigTable<?> target = tables.get(table);
        if (target == null) {
            return unknownTable(table);
        }
        TenantScope production = TenantScope.production(RequestScope.of(request).tenant());
        if (!target.delete(production, key(table, id))) {
            return ApiResponses.detail(404, "Missing production record " + id + " in " + table);
        }
        return Response.ok(Map.of("deployed", true)).build();
    }

    /** Ids are normalised as on save; event-type metadata is keyed by the normalised event type. */
    private static String key(String table, String id) {
        String key = Bodies.normalizeId(id);
        return "event_mapping".equals(table) ? key.replace(' ', '-') : key;
    }

    private Response unknownTable(String table) {
        return ApiResponses.detail(404, "Unknown configuration table " + table + "; expected one of "
                + new java.util.TreeSet<>(tables.keySet()));
    }
}
