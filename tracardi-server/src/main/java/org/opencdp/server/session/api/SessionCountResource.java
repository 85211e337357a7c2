package org.opencdp.server.session.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.InvalidParameterException;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.session.api.SessionAggregations.Dimension;

/**
 * The session dashboard counts {@code /sessions/count/by_*} (private-api §3.8): 20 buckets as in Tracardi, or
 * {@code ?buckets_size=} (1–1000) like the event aggregations.
 */
@Path("/sessions/count")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionCountResource {

    static final int DEFAULT_BUCKETS = 20;
    static final int MAX_BUCKETS = 1000;

    private final SessionAggregations aggregations;

    public SessionCountResource(SessionAggregations aggregations) {
        this.aggregations = aggregations;
    }

    @GET
    @Path("by_app")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byApp(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.APP, size, request);
    }

    @GET
    @Path("by_os_name")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byOsName(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.OS_NAME, size, request);
    }

    @GET
    @Path("by_device_geo")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byDeviceGeo(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.DEVICE_GEO, size, request);
    }

    @GET
    @Path("by_channel")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byChannel(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.CHANNEL, size, request);
    }

    @GET
    @Path("by_resolution")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response byResolution(@QueryParam("buckets_size") String size, @Context ContainerRequestContext request) {
        return buckets(Dimension.RESOLUTION, size, request);
    }

    private Response buckets(Dimension dimension, String size, ContainerRequestContext request) {
        int buckets = InvalidParameterException.intParam("buckets_size", size, DEFAULT_BUCKETS, 1, MAX_BUCKETS);
        return Response.ok(aggregations.buckets(RequestScope.of(request), dimension, buckets)).build();
    }
}
