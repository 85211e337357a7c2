package org.opencdp.server.system;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.common.time.Times;

/** Settings and server time (private-api §3.2). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class SystemResource {

    private final SettingsCatalogue settings;
    private final Clock clock;

    public SystemResource(SettingsCatalogue settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @GET
    @Path("system/settings")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
    public List<Setting> systemSettings() {
        return settings.all();
    }

    @GET
    @Path("settings")
    @PermitAll
    public List<Setting> list() {
        return settings.all();
    }

    @GET
    @Path("setting/{name}")
    @PermitAll
    public Response one(@PathParam("name") String name) {
        return ApiResponses.okOrNotFound(settings.find(name));
    }

    @GET
    @Path("debug/server/time")
    @RolesAllowed(ApiRoles.ADMIN)
    public String serverTime() {
        // A JSON string, as Tracardi answers it.
        return "\"" + Times.format(clock.instant()) + "\"";
    }
}
