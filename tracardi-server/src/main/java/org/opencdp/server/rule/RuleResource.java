package org.opencdp.server.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ConfigEndpoints;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.api.envelope.SavedResult;

/** Rules (private-api §3.10). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
public final class RuleResource {

    private final RuleService rules;
    private final ConfigEndpoints endpoints;

    public RuleResource(RuleService rules) {
        this.rules = rules;
        this.endpoints = ConfigEndpoints.of(rules.table());
    }

    @POST
    @Path("rule")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        return SavedResult.of(rules.save(RequestScope.of(request), Bodies.object(body)));
    }

    @GET
    @Path("rule/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return endpoints.get(id, request);
    }

    @DELETE
    @Path("rule/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return endpoints.delete(id, request);
    }

    /** No-ops (D25). */
    @GET
    @Path("rules/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }

    @GET
    @Path("rules/flash")
    public Map<String, Object> flash() {
        return Map.of();
    }

    @GET
    @Path("rules/by_flow/{flow_id}")
    public ListResult<ObjectNode> byFlow(@PathParam("flow_id") String flowId, @Context ContainerRequestContext request) {
        return ListResult.of(rules.byFlow(RequestScope.of(request), flowId));
    }

    @GET
    @Path("rules/by_event_type/{id}")
    public ListResult<ObjectNode> byEventType(@PathParam("id") String type, @Context ContainerRequestContext request) {
        return ListResult.of(rules.byEventType(RequestScope.of(request), type));
    }

    @GET
    @Path("rules/by_tag")
    public GroupedResult<ObjectNode> byTag(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                           @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return endpoints.grouped(ListQuery.of(query, start, limit), request, "tags", "General");
    }
}
