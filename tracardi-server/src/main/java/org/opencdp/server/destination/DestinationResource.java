package org.opencdp.server.destination;

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
import org.opencdp.server.resource.ResourceService;
import org.opencdp.server.resource.ResourceTypes;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.Documents;

/**
 * Destinations (private-api §3.11, domain-model §9). A destination is stored exactly as posted (only its id is
 * normalised): {@code GET /destination/{id}} must return the posted object.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class DestinationResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("destination",
            ConfigColumn.text("event_type_id", 128, doc -> Documents.text(doc, "event_type.id")),
            ConfigColumn.text("source_id", 128, doc -> Documents.text(doc, "source.id")),
            ConfigColumn.flag("on_profile_change_only", doc -> doc.path("on_profile_change_only").asBoolean(false)));

    private final ConfigEndpoints destinations;
    private final ResourceService resources;
    private final ConditionValidator conditions;

    public DestinationResource(ConfigTable<ObjectNode> destinations, ResourceService resources,
                               ConditionValidator conditions) {
        this.destinations = ConfigEndpoints.of(destinations);
        this.resources = resources;
        this.conditions = conditions;
    }

    @POST
    @Path("destination")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = Bodies.idOrNew(doc);
        Bodies.requiredText(doc, "name");
        JsonNode destination = doc.get("destination");
        if (destination == null || !destination.isObject() || Bodies.text(destination, "package") == null) {
            throw InvalidBodyException.of("destination", "field required: {package, init, form}");
        }
        if (Documents.text(doc, "resource.id") == null) {
            throw InvalidBodyException.of("resource", "field required: {id}");
        }
        String condition = Bodies.text(doc, "condition");
        if (condition != null && !condition.isBlank()) {
            conditions.check("condition", condition);
        }
        return destinations.saved(doc, id, request);
    }

    @GET
    @Path("destination/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return destinations.get(id, request);
    }

    @DELETE
    @Path("destination/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return destinations.delete(id, request);
    }

    @GET
    @Path("destinations")
    public ListResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                       @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return destinations.flat(ListQuery.of(query, start, limit), request);
    }

    @GET
    @Path("destinations/by_tag")
    public GroupedResult<ObjectNode> byTag(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                           @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return destinations.grouped(ListQuery.of(query, start, limit), request, "tags", "General");
    }

    /** {@code {"<resource id>": <resource>}} for every resource that can be a destination. */
    @GET
    @Path("destinations/entity")
    public Map<String, ObjectNode> entities(@Context ContainerRequestContext request) {
        Map<String, ObjectNode> result = new LinkedHashMap<>();
        resources.list(RequestScope.of(request)).stream().filter(doc -> doc.path("destination").isObject())
                .forEach(doc -> result.put(Bodies.text(doc, "id"), doc));
        return result;
    }

    /** The connector catalogue keyed by package, without a list envelope. */
    @GET
    @Path("destinations/type")
    public Map<String, ObjectNode> types() {
        return ResourceTypes.destinations();
    }
}
