package org.opencdp.server.event.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.Optional;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.InvalidParameterException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.PathIdAnswers;
import org.opencdp.server.api.PathIds;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.DeletedResult;
import org.opencdp.server.event.EventType;
import org.opencdp.server.event.api.EventAggregations.Dimension;
import org.opencdp.server.log.ConsoleLogs;
import org.opencdp.server.mapping.BuiltinEventTypes;
import org.opencdp.server.mapping.EventTypeDefinition;

/** Events (private-api §3.4): reads, deletes, counts, dashboard aggregations and index maintenance. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class EventResource {

    static final int DEFAULT_BUCKETS = 30;
    static final int MAX_BUCKETS = 1000;

    private final EventService events;
    private final EventAggregations aggregations;
    private final ConsoleLogs logs;

    public EventResource(EventService events, EventAggregations aggregations, ConsoleLogs logs) {
        this.events = events;
        this.aggregations = aggregations;
        this.logs = logs;
    }

    @GET
    @Path("event/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PathIdAnswers.found(id, request, events::find);
    }

    /** 200 {@code {"deleted": 0}} when there is no such event, as in Tracardi (private-api §1.3). */
    @DELETE
    @Path("event/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Optional<String> clean = PathIds.clean(id);
        int deleted = clean.isEmpty() ? 0 : events.delete(RequestScope.of(request), clean.get());
        return Response.ok(new DeletedResult(deleted)).build();
    }

    @GET
    @Path("events/refresh")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response refresh(@Context ContainerRequestContext request) {
        return Response.ok(events.refresh(RequestScope.of(request))).build();
    }

    @GET
    @Path("events/flush")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response flush(@Context ContainerRequestContext request) {
        return Response.ok(events.flush(RequestScope.of(request))).build();
    }

    @GET
    @Path("event/count")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response count(@Context ContainerRequestContext request) {
        return Response.ok(Map.of("count", events.count(RequestScope.of(request)))).build();
    }

    /** A bare number: events per second over the last five minutes. */
    @GET
    @Path("event/avg/requests")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response requests(@Context ContainerRequestContext request) {
        return Response.ok(events.requestsPerSecond(RequestScope.of(request))).build();
    }

    @GET
    @Path("event/avg/process-time")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response processTime(@Context ContainerRequestContext request) {
        return Response.ok(aggregations.averageProcessTime(RequestScope.of(request))).build();
    }

    @GET
    @Path("events/metadata/type")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response types(@QueryParam("limit") String limit, @Context ContainerRequestContext request) {
        int size = InvalidParameterException.intParam("limit", limit, ListQuery.DEFAULT_LIMIT, 1, ListQuery.MAX_LIMIT);
        return Response.ok(events.types(RequestScope.of(request), aggregations, size)).build();
    }

    @GET
    @Path("events/by_type")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byType(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.TYPE, size, request);
    }

    @GET
    @Path("events/by_tag")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byTag(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.TAG, size, request);
    }

    @GET
    @Path("events/by_status")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byStatus(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.STATUS, size, request);
    }

    @GET
    @Path("events/by_source")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response bySource(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.SOURCE, size, request);
    }

    @GET
    @Path("events/by_device_geo")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byDeviceGeo(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.DEVICE_GEO, size, request);
    }

    @GET
    @Path("events/by_os_name")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byOsName(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.OS_NAME, size, request);
    }

    @GET
    @Path("events/by_channel")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byChannel(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.CHANNEL, size, request);
    }

    @GET
    @Path("events/by_resolution")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byResolution(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.RESOLUTION, size, request);
    }

    /** Flow debug records of an event; we keep none yet, so always {@code []}. */
    @GET
    @Path("event/debug/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
    public Response debug(@PathParam("id") String id) {
        return Response.ok(List.of()).build();
    }

    @GET
    @Path("event/logs/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
    public Response logs(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return PathIdAnswers.listed(id, request, (scope, eventId) -> logs.of(scope, "event_id", eventId));
    }

    @GET
    @Path("events/profile/{profile_id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response ofProfile(@PathParam("profile_id") String profileId, @QueryParam("start") String start,
                              @QueryParam("limit") String limit, @Context ContainerRequestContext request) {
        int from = InvalidParameterException.intParam("start", start, 0, 0, 10_000);
        int size = InvalidParameterException.intParam("limit", limit, ListQuery.DEFAULT_LIMIT, 1, ListQuery.MAX_LIMIT);
        return PathIdAnswers.listed(profileId, request,
                (scope, profile) -> events.ofProfile(scope, profile, from, size));
    }

    /** The {@code properties} of a built-in event type's definition, or 404 {@code null}. */
    @GET
    @Path("event/type/{event_type}/schema")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response schema(@PathParam("event_type") String type) {
        Optional<String> clean = PathIds.clean(type);
        return ApiResponses.okOrNotFound(clean.flatMap(t -> BuiltinEventTypes.shared().find(EventType.normalise(t)))
                .map(EventTypeDefinition::properties));
    }

    private Response buckets(Dimension dimension, String size, ContainerRequestContext request) {
        int buckets = InvalidParameterException.intParam("buckets_size", size, DEFAULT_BUCKETS, 1, MAX_BUCKETS);
        return Response.ok(aggregations.buckets(RequestScope.of(request), dimension, buckets)).build();
    }
}
