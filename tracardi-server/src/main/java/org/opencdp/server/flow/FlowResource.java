package org.opencdp.server.flow;

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

/** Flow records, drafts, deployment, restore, lock and layout (private-api §3.9); no debug run here. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class FlowResource {

    private final java.util.function.Consumer<JsonNode> validator;
    private final FlowService flows;
    /** Lists show each flow's metadata, never its graph. */
    private final ConfigEndpoints metadata;

    public FlowResource(FlowService flows) {
        this(flows, flow -> { });
    }

    /** @param validator checks a graph before it is saved (draft or production); throws to refuse it */
    public FlowResource(FlowService flows, java.util.function.Consumer<JsonNode> validator) {
        this.validator = validator;
        this.flows = flows;
        this.metadata = ConfigEndpoints.of(flows::find, flows::delete,
                scope -> flows.list(scope).stream().map(FlowRecords::metadata).toList());
    }

    @GET
    @Path("flows")
    public ListResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                       @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return metadata.flat(ListQuery.of(query, start, limit), request);
    }

    @GET
    @Path("flows/by_tag")
    public GroupedResult<ObjectNode> byTag(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                           @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return metadata.grouped(ListQuery.of(query, start, limit), request, "tags", "General");
    }

    @GET
    @Path("flows/entity")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
    public ListResult<EntityRef> entities(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                          @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return ListQuery.of(query, start, limit).flat(flows.list(RequestScope.of(request)).stream()
                .map(doc -> new EntityRef(Bodies.text(doc, "id"), Bodies.text(doc, "name"))).toList(), EntityRef::name);
    }

    /** A no-op (D25). */
    @GET
    @Path("flows/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }

    @POST
    @Path("flow/metadata")
    public SavedResult saveMetadata(JsonNode body, @Context ContainerRequestContext request) {
        return SavedResult.of(flows.saveMetadata(RequestScope.of(request), Bodies.object(body)));
    }

    @GET
    @Path("flow/metadata/{id}")
    public Response metadata(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return flows.find(RequestScope.of(request), id).map(record -> Response.ok(FlowRecords.metadata(record)).build())
                .orElseGet(() -> ApiResponses.detail(404, "Missing flow record " + Bodies.normalizeId(id)));
    }

    @POST
    @Path("flow/draft/metadata")
    public SavedResult saveDraftMetadata(JsonNode body, @Context ContainerRequestContext request) {
        return SavedResult.of(flows.saveDraftMetadata(RequestScope.of(request), Bodies.object(body)));
    }

    @POST
    @Path("flow/draft")
    public SavedResult saveDraft(JsonNode body, @Context ContainerRequestContext request) {
        validator.accept(body);
        return SavedResult.of(flows.saveDraft(RequestScope.of(request), Bodies.object(body)));
    }

    @GET
    @Path("flow/draft/{id}")
    public Response draft(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return ApiResponses.okOrNotFound(flows.draft(RequestScope.of(request), id));
    }

    @POST
    @Path("flow/production")
    public SavedResult deploy(JsonNode body, @Context ContainerRequestContext request) {
        validator.accept(body);
        return SavedResult.of(flows.deploy(RequestScope.of(request), Bodies.object(body)));
    }

    @GET
    @Path("flow/production/{id}")
    public Response production(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return ApiResponses.okOrNotFound(flows.production(RequestScope.of(request), id));
    }

    @GET
    @Path("flow/{graph}/{id}/restore")
    public ObjectNode restore(@PathParam("graph") String graph, @PathParam("id") String id,
                              @Context ContainerRequestContext request) {
        return switch (graph) {
            case "production" -> flows.restore(RequestScope.of(request), id, true);
            case "draft" -> flows.restore(RequestScope.of(request), id, false);
            default -> throw new jakarta.ws.rs.NotFoundException();
        };
    }

    @GET
    @Path("flow/{id}/lock/{state}")
    public SavedResult lock(@PathParam("id") String id, @PathParam("state") String state,
                            @Context ContainerRequestContext request) {
        return SavedResult.of(flows.lock(RequestScope.of(request), id, Bodies.yesNo(state)));
    }

    @POST
    @Path("flow/draft/nodes/rearrange")
    public ObjectNode rearrange(JsonNode body) {
        return FlowLayout.rearrange(Bodies.object(body));
    }

    /** Deletes the flow and its rules. */
    @DELETE
    @Path("flow/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return metadata.delete(id, request);
    }
}
