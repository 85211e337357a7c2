package org.opencdp.server.condition.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.condition.ConditionError;
import org.opencdp.server.condition.Conditions;

/**
 * {@code POST /tql/validate} (private-api §3.16): the condition as raw text, or as the form field
 * {@code condition}. Answers {@code true}, or 400 with the parse error and its position.
 */
@Path("/tql/validate")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
public final class TqlResource {

    static final int MAX_LENGTH = 64 * 1024;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response validateForm(@FormParam("condition") String condition) {
        return validate(condition);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response validateText(String condition) {
        return validate(condition);
    }

    private static Response validate(String condition) {
        if (condition == null || condition.isBlank()) {
            return ApiResponses.detail(400, "The condition is empty.");
        }
        if (condition.length() > MAX_LENGTH) {
            return ApiResponses.detail(400, "The condition is longer than " + MAX_LENGTH + " characters.");
        }
        Optional<ConditionError> error = Conditions.validate(condition.strip());
        return error.<Response>map(problem -> ApiResponses.detail(400, problem.message()))
                .orElseGet(() -> Response.ok("true", MediaType.APPLICATION_JSON_TYPE).build());
    }
}
