package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.DeletedResult;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/**
 * Event-type metadata records ({@code /event-type/mapping}, private-api §3.5, domain-model §13), kept in the
 * {@code event_mapping} table. The id is always the (normalised) event type. Saving a record re-tags the stored
 * events of its type in the background ({@link EventRetagger}).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class EventTypeMetadataResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("event_mapping",
            ConfigColumn.text("event_type_id", 128, doc -> Documents.text(doc, "event_type")));

    private final ConfigTable<ObjectNode> records;
    private final EventRetagger retagger;

    public EventTypeMetadataResource(ConfigTable<ObjectNode> records, EventRetagger retagger) {
        this.records = records;
        this.retagger = retagger;
    }

    @POST
    @Path("event-type/mapping")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String type = EventToProfileMapping.normalizeEventType(Bodies.text(doc, "event_type"));
        if (type == null) {
            throw InvalidBodyException.of("event_type", "field required");
        }
        doc.put("event_type", type);
        doc.put("id", type);
        Bodies.requiredId(doc);
        Bodies.defaultText(doc, "name", type);
        Bodies.defaultText(doc, "description", "");
        Bodies.flag(doc, "enabled", false);
        Bodies.objectField(doc, "index_schema");
        if (!doc.has("journey")) {
            doc.putNull("journey");
        }
        Bodies.stringList(doc, "tags");
        Bodies.flag(doc, "build_in", false);
        TenantScope scope = RequestScope.of(request);
        records.upsert(scope, doc);
        retagger.retagLater(scope, type, Documents.strings(doc, "tags"));
        return SavedResult.of(type);
    }

    @GET
    @Path("event-type/mapping/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return records.find(RequestScope.of(request), key(id)).map(doc -> Response.ok(doc).build())
                .orElseGet(() -> missing(id));
    }

    @DELETE
    @Path("event-type/mapping/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return records.delete(RequestScope.of(request), key(id)) ? Response.ok(DeletedResult.ONE).build() : missing(id);
    }

    /** A no-op (D25). */
    @PUT
    @Path("event-type/mapping/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }

    @GET
    @Path("event-type/search/mappings")
    public GroupedResult<ObjectNode> search(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                            @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return ListQuery.of(query, start, limit).grouped(records.list(RequestScope.of(request)),
                doc -> Bodies.text(doc, "name"), doc -> Documents.strings(doc, "tags"), "General");
    }

    /** Removes a tag from every metadata record of the scope (private-api §3.4). */
    @DELETE
    @Path("event-tag/{tag}")
    public DeletedResult deleteTag(@PathParam("tag") String tag, @Context ContainerRequestContext request) {
        TenantScope scope = RequestScope.of(request);
        int changed = 0;
        for (ObjectNode doc : records.list(scope)) {
            ArrayNode tags = Bodies.stringList(doc, "tags");
            ArrayNode kept = tags.arrayNode();
            tags.forEach(value -> {
                if (!value.asText().equals(tag)) {
                    kept.add(value);
                }
            });
            if (kept.size() != tags.size()) {
                doc.set("tags", kept);
                records.upsert(scope, doc);
                changed++;
            }
        }
        return new DeletedResult(changed);
    }

    private static String key(String id) {
        String type = EventToProfileMapping.normalizeEventType(id);
        return type == null ? "" : type;
    }

    private static Response missing(String id) {
        return ApiResponses.detail(404, "Event type mapping " + id + " not found");
    }
}
