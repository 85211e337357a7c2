package org.opencdp.server.failed;

import jakarta.annotation.security.RolesAllowed;
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
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.InvalidParameterException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.PathIds;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.storage.elastic.FailureStage;

/** The failed-events store (private-api §3.17): admins and maintainers inspect and replay failures. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class FailedEventResource {

    private final FailedEventService failed;

    public FailedEventResource(FailedEventService failed) {
        this.failed = failed;
    }

    @GET
    @Path("failed-events")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.MAINTAINER})
    public Response list(@QueryParam("stage") String stage, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("start") String start, @QueryParam("limit") String limit,
                         @Context ContainerRequestContext request) {
        FailedEventService.Filter filter = new FailedEventService.Filter(stage(stage), time("from", from), time("to", to),
                InvalidParameterException.intParam("start", start, 0, 0, 9_000),
                InvalidParameterException.intParam("limit", limit, ListQuery.DEFAULT_LIMIT, 1, ListQuery.MAX_LIMIT));
        return Response.ok(failed.list(RequestScope.of(request), filter)).build();
    }

    @GET
    @Path("failed-event/{id}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.MAINTAINER})
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Optional<String> clean = PathIds.clean(id);
        if (clean.isEmpty()) {
            return ApiResponses.notFoundNull();
        }
        return ApiResponses.okOrNotFound(failed.find(RequestScope.of(request), clean.get()));
    }

    /** Re-enqueues the event as a new batch: {@code {"task": "<batch id>"}}; 409 when it cannot be replayed. */
    @POST
    @Path("failed-event/{id}/replay")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.MAINTAINER})
    public Response replay(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Optional<String> clean = PathIds.clean(id);
        if (clean.isEmpty()) {
            return ApiResponses.notFoundNull();
        }
        try {
            return failed.replay(RequestScope.of(request), clean.get())
                    .<Response>map(task -> Response.ok(Map.of("task", task)).build())
                    .orElseGet(ApiResponses::notFoundNull);
        } catch (FailedEventReplayer.NotReplayable e) {
            return ApiResponses.detail(409, e.getMessage());
        }
    }

    private static String stage(String stage) {
        if (stage == null || stage.isBlank()) {
            return null;
        }
        String wanted = stage.trim().toLowerCase(Locale.ROOT);
        for (FailureStage known : FailureStage.values()) {
            if (known.label().equals(wanted)) {
                return wanted;
            }
        }
        throw new InvalidParameterException("Parameter stage must be validation, mapping, indexing or processing");
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Times.parse(value.trim()).orElseThrow(() -> new InvalidParameterException("Parameter " + name
                + " must be a date and time"));
    }
}
