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
import java.util.Locale;
import java.util.Map;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ConfigEndpoints;
import org.opencdp.server.api.ConditionValidator;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.envelope.EntityRef;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/** Conditional segments (private-api §3.10, domain-model §8). Missing segments answer 200 {@code null}, as in Tracardi. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
public final class SegmentResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("segment",
            ConfigColumn.requiredText("machine_name", 255, doc -> Documents.text(doc, "machine_name")));

    private final ConfigEndpoints segments;
    private final ConditionValidator conditions;

    public SegmentResource(ConfigTable<ObjectNode> segments, ConditionValidator conditions) {
        this.segments = ConfigEndpoints.of(segments);
        this.conditions = conditions;
    }

    /** The slug put in {@code profile.segments}: lower-cased, each space replaced by a dash. */
    public static String machineName(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    @POST
    @Path("segment")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = Bodies.idOrNew(doc);
        String name = Bodies.requiredText(doc, "name");
        Bodies.defaultText(doc, "description", "");
        Bodies.stringList(doc, "eventType");
        conditions.check("condition", Bodies.text(doc, "condition"));
        Bodies.flag(doc, "enabled", true);
        doc.put("machine_name", machineName(name));
        return segments.saved(doc, id, request);
    }

    @GET
    @Path("segment/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return segments.getOrOkNull(id, request);
    }

    @DELETE
    @Path("segment/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return segments.deleteOrOkNull(id, request);
    }

    /** Grouped by event type; segments for every event go under {@code "Global"}. */
    @GET
    @Path("segments")
    public GroupedResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                          @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return segments.grouped(ListQuery.of(query, start, limit), request, "eventType", "Global");
    }

    @GET
    @Path("segments/metadata")
    public GroupedResult<EntityRef> metadata(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                             @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        GroupedResult<ObjectNode> full = list(query, start, limit, request);
        Map<String, java.util.List<EntityRef>> grouped = new java.util.TreeMap<>();
        full.grouped().forEach((group, docs) -> grouped.put(group, docs.stream()
                .map(doc -> new EntityRef(Bodies.text(doc, "id"), Bodies.text(doc, "name"))).toList()));
        return new GroupedResult<>(full.total(), grouped);
    }

    /** A no-op (D25). */
    @GET
    @Path("segments/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }
}
