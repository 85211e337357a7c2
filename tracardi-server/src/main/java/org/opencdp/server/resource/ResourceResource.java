package org.opencdp.server.resource;

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
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ConfigEndpoints;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.EntityRef;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.mysql.Documents;

/** Resources (private-api §3.11). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class ResourceResource {

    private final ResourceService resources;
    private final ConfigEndpoints endpoints;

    public ResourceResource(ResourceService resources) {
        this.resources = resources;
        this.endpoints = ConfigEndpoints.of(resources::find, resources::delete, resources::list);
    }

    @POST
    @Path("resource")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        return SavedResult.of(resources.save(RequestScope.of(request), Bodies.object(body)));
    }

    @GET
    @Path("resource/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return endpoints.get(id, request);
    }

    @DELETE
    @Path("resource/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return endpoints.delete(id, request);
    }

    @GET
    @Path("resource/{id}/enabled/{state}")
    public Response enable(@PathParam("id") String id, @PathParam("state") String state,
                           @Context ContainerRequestContext request) {
        return resources.enable(RequestScope.of(request), id, Bodies.yesNo(state))
                ? Response.ok(SavedResult.of(Bodies.normalizeId(id))).build() : ApiResponses.notFoundNull();
    }

    @GET
    @Path("resources")
    public ListResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                       @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return endpoints.flat(ListQuery.of(query, start, limit), request);
    }

    /** Grouped by {@code groups} ({@code "general"} when empty), despite the name. */
    @GET
    @Path("resources/by_type")
    public GroupedResult<ObjectNode> byType(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                            @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return endpoints.grouped(ListQuery.of(query, start, limit), request, "groups", "general");
    }

    @GET
    @Path("resources/entity")
    public ListResult<EntityRef> entities(@Context ContainerRequestContext request) {
        return ListResult.of(resources.list(RequestScope.of(request)).stream().map(ResourceResource::entity).toList());
    }

    @GET
    @Path("resources/entity/tag/{tag}")
    public ListResult<EntityRef> entitiesByTag(@PathParam("tag") String tag, @Context ContainerRequestContext request) {
        return ListResult.of(resources.list(RequestScope.of(request)).stream()
                .filter(doc -> Documents.strings(doc, "tags").contains(tag)).map(ResourceResource::entity).toList());
    }

    @GET
    @Path("resources/type/{what}")
    public Response types(@PathParam("what") String what) {
        Map<String, ?> result = switch (what) {
            case "name" -> ResourceTypes.names();
            case "configuration" -> ResourceTypes.configurations();
            default -> null;
        };
        if (result == null) {
            return ApiResponses.notFoundNull();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", result.size());
        body.put("result", result);
        return Response.ok(body).build();
    }

    /** No-ops (D25). */
    @GET
    @Path("resources/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }

    @GET
    @Path("resources/flash")
    public Map<String, Object> flash() {
        return Map.of();
    }

    private static EntityRef entity(ObjectNode doc) {
        return new EntityRef(Bodies.text(doc, "id"), Bodies.text(doc, "name"));
    }
}
