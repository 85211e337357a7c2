package org.opencdp.server.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.ApiUser;
import org.opencdp.server.api.envelope.DeletedResult;
import org.opencdp.server.api.envelope.SavedResult;

/** User administration for admins (private-api §3.1). Answers never contain a password hash. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ApiRoles.ADMIN)
public final class UserResource {

    private final UserDao users;
    private final UserService service;

    public UserResource(UserDao users, UserService service) {
        this.users = users;
        this.service = service;
    }

    @GET
    @Path("users")
    public List<UserRecord> list(@Auth ApiUser caller) {
        return users.list(caller.tenant(), 0, 1000);
    }

    @GET
    @Path("users/{start}/{limit}")
    public List<UserRecord> page(@Auth ApiUser caller, @PathParam("start") int start, @PathParam("limit") int limit) {
        return users.list(caller.tenant(), Math.max(0, start), Math.max(0, Math.min(limit, 1000)));
    }

    @GET
    @Path("user/{id}")
    public Response get(@Auth ApiUser caller, @PathParam("id") String id) {
        return users.find(caller.tenant(), id.trim()).<Response>map(user -> Response.ok(user).build())
                .orElseGet(() -> missing(id));
    }

    @POST
    @Path("user")
    public Response create(@Auth ApiUser caller, JsonNode body) {
        try {
            UserRecord user = service.create(caller.tenant(), UserInput.parse(body, true));
            return Response.ok(SavedResult.of(user.id())).build();
        } catch (UserDao.DuplicateEmailException e) {
            return ApiResponses.detail(409, e.getMessage());
        }
    }

    @POST
    @Path("user/{id}")
    public Response update(@Auth ApiUser caller, @PathParam("id") String id, JsonNode body) {
        UserInput input = UserInput.parse(body, false);
        try {
            return service.update(caller.tenant(), id.trim(), input)
                    .<Response>map(user -> Response.ok(Map.of("inserted", 1)).build())
                    .orElseGet(() -> missing(id));
        } catch (UserDao.DuplicateEmailException e) {
            return ApiResponses.detail(409, e.getMessage());
        }
    }

    @DELETE
    @Path("user/{id}")
    public Response delete(@Auth ApiUser caller, @PathParam("id") String id) {
        if (caller.id().equals(id.trim())) {
            return ApiResponses.detail(403, "You can not delete yourself.");
        }
        return service.delete(caller.tenant(), id.trim()) ? Response.ok(DeletedResult.ONE).build() : missing(id);
    }

    private static Response missing(String id) {
        return ApiResponses.detail(404, "User " + id.trim() + " not found");
    }
}
