package org.opencdp.server.identification;

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
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/** Identification points (private-api §3.6, domain-model §11). An empty {@code source.id} means any source. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class IdentificationPointResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("identification_point",
            ConfigColumn.text("event_type_id", 128, doc -> Documents.text(doc, "event_type.id")),
            ConfigColumn.text("source_id", 128, doc -> Documents.text(doc, "source.id")));

    private final ConfigEndpoints points;

    public IdentificationPointResource(ConfigTable<ObjectNode> points) {
        this.points = ConfigEndpoints.of(points);
    }

    @POST
    @Path("identification/point")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = Bodies.idOrNew(doc);
        Bodies.requiredText(doc, "name");
        Bodies.defaultText(doc, "description", "");
        Bodies.flag(doc, "enabled", false);
        if (Bodies.reference(doc, "event_type") == null) {
            throw InvalidBodyException.of("event_type", "field required");
        }
        if (Bodies.reference(doc, "source") == null) {
            doc.putObject("source").put("id", "").put("name", "");
        }
        JsonNode fields = doc.get("fields");
        if (fields == null || fields.isNull()) {
            doc.putArray("fields");
        } else if (!fields.isArray()) {
            throw InvalidBodyException.of("fields", "value is not a valid list");
        }
        Bodies.objectField(doc, "settings");
        return points.saved(doc, id, request);
    }

    @GET
    @Path("identification/point/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return points.get(id, request);
    }

    @DELETE
    @Path("identification/point/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return points.delete(id, request);
    }

    /** Grouped by event type; {@code {t}} is the GUI's group name and is not used for filtering. */
    @GET
    @Path("identification/points/by_type/{t}")
    public GroupedResult<ObjectNode> byType(@PathParam("t") String group, @QueryParam("query") String query,
                                            @QueryParam("start") Integer start, @QueryParam("limit") Integer limit,
                                            @Context ContainerRequestContext request) {
        return points.grouped(ListQuery.of(query, start, limit), request, doc -> {
            String type = Documents.text(doc, "event_type.name");
            return type == null ? List.of() : List.of(type);
        }, "General");
    }
}
