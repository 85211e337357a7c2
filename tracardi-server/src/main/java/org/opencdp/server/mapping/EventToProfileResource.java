package org.opencdp.server.mapping;

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
import java.util.List;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ConfigEndpoints;
import org.opencdp.server.api.ConditionValidator;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.api.envelope.SavedResult;

/**
 * Custom event-to-profile mappings (private-api §3.5, domain-model §12), written through
 * {@link EventToProfileMappingDao} so the worker's mapping cache drops them on every node.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class EventToProfileResource {

    private final EventToProfileMappingDao mappings;
    private final ConditionValidator conditions;
    private final ConfigEndpoints endpoints;

    public EventToProfileResource(EventToProfileMappingDao mappings, ConditionValidator conditions) {
        this.mappings = mappings;
        this.endpoints = ConfigEndpoints.of((scope, id) -> mappings.find(scope, id).map(EventToProfileMapping::toJson),
                mappings::delete, scope -> mappings.list(scope).stream().map(EventToProfileMapping::toJson).toList());
        this.conditions = conditions;
    }

    /** A profile target outside the allowed roots, or a condition that does not parse → 422 (D32). */
    @POST
    @Path("event-to-profile")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        Bodies.idOrNew(doc);
        EventToProfileMapping mapping = EventToProfileMapping.fromJson(doc);
        List<String> problems = mapping.problems();
        if (!problems.isEmpty()) {
            throw new InvalidBodyException(problems.stream().map(problem -> {
                int colon = problem.indexOf(": ");
                return new InvalidBodyException.Problem(problem.substring(0, colon), problem.substring(colon + 2));
            }).toList());
        }
        if (mapping.hasCondition()) {
            conditions.check("config", mapping.condition());
        }
        mappings.upsert(RequestScope.of(request), mapping);
        return SavedResult.of(mapping.id());
    }

    @GET
    @Path("event-to-profile/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return endpoints.get(id, request);
    }

    @DELETE
    @Path("event-to-profile/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return endpoints.delete(id, request);
    }

    @GET
    @Path("event-to-profiles/type/{type}")
    public ListResult<ObjectNode> byType(@PathParam("type") String type, @Context ContainerRequestContext request) {
        String wanted = EventToProfileMapping.normalizeEventType(type);
        return ListResult.of(mappings.list(RequestScope.of(request)).stream()
                .filter(mapping -> wanted != null && wanted.equals(mapping.eventTypeId()))
                .map(EventToProfileMapping::toJson).toList());
    }

    @GET
    @Path("events-to-profiles/by_tag")
    public GroupedResult<ObjectNode> byTag(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                           @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return endpoints.grouped(ListQuery.of(query, start, limit), request, "tags", "General");
    }
}
