package org.opencdp.server.workflow.debug;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.RequestScope;

/** {@code POST /flow/debug[?event_id=]} (private-api §3.9, workflows §11). */
@Path("/flow/debug")
@Produces(MediaType.APPLICATION_JSON)
public final class FlowDebugResource {

    private final FlowDebugService service;

    public FlowDebugResource(FlowDebugService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
    public Response debug(JsonNode flow, @QueryParam("event_id") String eventId, @Context ContainerRequestContext request) {
        if (flow == null || !flow.isObject()) {
            throw InvalidBodyException.of("", "a Flow object is required");
        }
        try {
            return Response.ok(service.debug(RequestScope.of(request), flow, eventId)).build();
        } catch (FlowDebugService.EventNotFoundException e) {
            return ApiResponses.detail(404, e.getMessage());
        }
    }
}
