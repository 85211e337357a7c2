package org.opencdp.server.session.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.InvalidParameterException;
import org.opencdp.server.api.PathIdAnswers;
import org.opencdp.server.api.RequestScope;

/** Sessions (private-api §3.8). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    /** How far back {@code ?n=} may reach. */
    static final int MAX_N = 10_000;

    private final SessionService sessions;

    public SessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("session/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PathIdAnswers.found(id, request, sessions::find);
    }

    @DELETE
    @Path("session/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PathIdAnswers.deleted(id, request, sessions::delete);
    }

    @POST
    @Path("sessions/import")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
    public Response importSessions(JsonNode body, @Context ContainerRequestContext request) {
        try {
            return Response.ok(sessions.importSessions(RequestScope.of(request), body)).build();
        } catch (SessionService.InvalidImport e) {
            return ApiResponses.detail(422, e.getMessage());
        }
    }

    @GET
    @Path("sessions/refresh")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response refresh(@Context ContainerRequestContext request) {
        return Response.ok(sessions.refresh(RequestScope.of(request))).build();
    }

    /** {@code flash} is Tracardi's spelling of flush. */
    @GET
    @Path("sessions/flash")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response flush(@Context ContainerRequestContext request) {
        return Response.ok(sessions.flush(RequestScope.of(request))).build();
    }

    /** The n-th latest session of a profile ({@code n} from 0), or 404 {@code null}. */
    @GET
    @Path("session/profile/{profile_id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
    public Response ofProfile(@PathParam("profile_id") String profileId, @QueryParam("n") String n,
                              @Context ContainerRequestContext request) {
        int position = InvalidParameterException.intParam("n", n, 0, 0, MAX_N);
        return PathIdAnswers.found(profileId, request,
                (scope, profile) -> sessions.nthOfProfile(scope, profile, position));
    }

    @GET
    @Path("session/count")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response count(@Context ContainerRequestContext request) {
        return Response.ok(Map.of("count", sessions.count(RequestScope.of(request)))).build();
    }

    @GET
    @Path("session/count/online")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response countOnline(@Context ContainerRequestContext request) {
        return Response.ok(Map.of("count", sessions.countOnline(RequestScope.of(request)))).build();
    }
}
