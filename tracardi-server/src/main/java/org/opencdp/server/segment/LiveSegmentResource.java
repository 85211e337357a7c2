package org.opencdp.server.segment;

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
import java.util.Map;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ConfigEndpoints;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;

/** Live segments (private-api §3.10): stored for GUI compatibility; scheduled runs are LATER. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
public final class LiveSegmentResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("live_segment");
    static final String GROUP = "Live segmentation";

    private final ConfigEndpoints segments;

    public LiveSegmentResource(ConfigTable<ObjectNode> segments) {
        this.segments = ConfigEndpoints.of(segments);
    }

    @POST
    @Path("segment/live")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = Bodies.idOrNew(doc);
        Bodies.requiredText(doc, "name");
        Bodies.defaultText(doc, "description", "");
        Bodies.flag(doc, "enabled", true);
        Bodies.defaultText(doc, "type", "workflow");
        if (Bodies.reference(doc, "workflow") == null) {
            throw org.opencdp.server.api.InvalidBodyException.of("workflow", "field required");
        }
        return segments.saved(doc, id, request);
    }

    @GET
    @Path("segment/live/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return segments.get(id, request);
    }

    @DELETE
    @Path("segment/live/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return segments.delete(id, request);
    }

    @GET
    @Path("segments/live")
    public GroupedResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                          @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return segments.grouped(ListQuery.of(query, start, limit), request, doc -> List.of(GROUP), GROUP);
    }

    /** A no-op (D25). */
    @GET
    @Path("segments/live/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }
}
