package org.opencdp.server.log;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.InvalidParameterException;

/** System logs (private-api §3.14): {@code {"total", "result"}}, 25 per page, newest first. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class LogResource {

    /** Deep pages cost Elasticsearch more than they are worth; the GUI pages through recent logs. */
    static final int MAX_PAGE = 400;

    private final ConsoleLogs logs;

    public LogResource(ConsoleLogs logs) {
        this.logs = logs;
    }

    @GET
    @Path("logs")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.MAINTAINER})
    public Response firstPage(@Context ContainerRequestContext request) {
        return Response.ok(logs.page(RequestScope.of(request), 0)).build();
    }

    @GET
    @Path("logs/page/{page}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.MAINTAINER})
    public Response page(@PathParam("page") String page, @Context ContainerRequestContext request) {
        int number = InvalidParameterException.intParam("page", page, 0, 0, MAX_PAGE);
        return Response.ok(logs.page(RequestScope.of(request), number)).build();
    }
}
