package org.opencdp.server.source;

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
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.EntityRef;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.api.envelope.SavedResult;

/** Event sources (private-api §3.3). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class EventSourceResource {

    private final EventSourceDao sources;
    private final ConfigEndpoints endpoints;

    public EventSourceResource(EventSourceDao sources) {
        this.sources = sources;
        this.endpoints = ConfigEndpoints.of((scope, id) -> sources.find(scope, id).map(EventSource::toJson),
                sources::delete, scope -> sources.list(scope).stream().map(EventSource::toJson).toList());
    }

    /** Answers exactly {@code {"saved": 1, "errors": [], "ids": [id]}}; a source without a known type → 422. */
    @POST
    @Path("event-source")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = Bodies.idOrNew(doc);
        Bodies.defaultText(doc, "timestamp", Bodies.now());
        EventSource source = EventSource.fromJson(doc).withId(id);
        if (!source.hasKnownType()) {
            throw InvalidBodyException.of("type", "no known event source type in " + source.type() + "; expected one of "
                    + SourceTypes.TYPES.keySet());
        }
        sources.upsert(RequestScope.of(request), source);
        return SavedResult.of(id);
    }

    @GET
    @Path("event-source/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return endpoints.get(id, request);
    }

    @DELETE
    @Path("event-source/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return endpoints.delete(id, request);
    }

    /** Grouped by {@code groups} ({@code "general"} when empty), despite the name. */
    @GET
    @Path("event-sources/by_type")
    public GroupedResult<ObjectNode> byType(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                            @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return endpoints.grouped(ListQuery.of(query, start, limit), request, "groups", "general");
    }

    /** The 0.9 name of {@code /event-sources/by_type}. */
    @GET
    @Path("event-sources")
    public GroupedResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                         @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return byType(query, start, limit, request);
    }

    @GET
    @Path("event-sources/entity")
    public ListResult<EntityRef> entities(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                          @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return ListQuery.of(query, start, limit).flat(sources.list(RequestScope.of(request)).stream()
                .map(source -> new EntityRef(source.id(), source.name())).toList(), EntityRef::name);
    }

    @GET
    @Path("event-sources/type/name")
    public Map<String, Object> typeNames() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", SourceTypes.TYPES.size());
        body.put("result", SourceTypes.names());
        return body;
    }

    @GET
    @Path("event-sources/type/configuration")
    public Map<String, Object> typeConfiguration() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", SourceTypes.TYPES.size());
        body.put("result", SourceTypes.TYPES);
        return body;
    }

    /** A no-op (D25): writes invalidate the caches of every node. */
    @GET
    @Path("event-sources/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }
}
