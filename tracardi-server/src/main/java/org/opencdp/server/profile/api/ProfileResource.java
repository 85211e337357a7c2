package org.opencdp.server.profile.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.opencdp.server.api.PathIdAnswers;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.log.ConsoleLogs;

/** Profiles (private-api §3.7). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class ProfileResource {

    private final ProfileService profiles;
    private final ConsoleLogs logs;

    public ProfileResource(ProfileService profiles, ConsoleLogs logs) {
        this.profiles = profiles;
        this.logs = logs;
    }

    @GET
    @Path("profile/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PathIdAnswers.found(id, request, profiles::find);
    }

    @DELETE
    @Path("profile/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PathIdAnswers.deleted(id, request, profiles::delete);
    }

    @POST
    @Path("profiles/import")
    @RolesAllowed(ApiRoles.ADMIN)
    public Response importProfiles(JsonNode body, @Context ContainerRequestContext request) {
        try {
            return Response.ok(profiles.importProfiles(RequestScope.of(request), body)).build();
        } catch (ProfileService.InvalidImport e) {
            return ApiResponses.detail(422, e.getMessage());
        }
    }

    @GET
    @Path("profiles/refresh")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response refresh(@Context ContainerRequestContext request) {
        return Response.ok(profiles.refresh(RequestScope.of(request))).build();
    }

    /** {@code flash} is Tracardi's spelling of flush. */
    @GET
    @Path("profiles/flash")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response flush(@Context ContainerRequestContext request) {
        return Response.ok(profiles.flush(RequestScope.of(request))).build();
    }

    @GET
    @Path("profile/count")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response count(@Context ContainerRequestContext request) {
        return Response.ok(Map.of("count", profiles.count(RequestScope.of(request)))).build();
    }

    @GET
    @Path("profile/logs/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
    public Response logs(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PathIdAnswers.listed(id, request, (scope, profileId) -> logs.of(scope, "profile_id", profileId));
    }
}
