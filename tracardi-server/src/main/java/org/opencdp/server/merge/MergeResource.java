package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.auth.Auth;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.ApiUser;
import org.opencdp.server.api.InvalidParameterException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.PathIds;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.storage.TenantScope;

/**
 * Merge inspection and revert (private-api §3.7, §3.17): the journal entries of a profile, the journal listing,
 * and the revert of the latest merge. Entries are shown without their snapshots.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class MergeResource {

    /** More entries than this for one profile would be a merge loop, not history worth paging through. */
    static final int MAX_PER_PROFILE = 1000;

    private final MergeJournalDao journal;
    private final MergeReverts reverts;

    public MergeResource(MergeJournalDao journal, MergeReverts reverts) {
        this.journal = journal;
        this.reverts = reverts;
    }

    @GET
    @Path("profile/{id}/merges")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MAINTAINER})
    public Response ofProfile(@PathParam("id") String id, @Context ContainerRequestContext request) {
        Optional<String> clean = PathIds.clean(id);
        if (clean.isEmpty()) {
            return ApiResponses.notFoundNull();
        }
        TenantScope scope = RequestScope.of(request);
        List<ObjectNode> entries = journal.involving(scope, clean.get(), MAX_PER_PROFILE).stream()
                .map(entry -> entry.toJson(scope, false)).toList();
        return Response.ok(ListResult.of(entries)).build();
    }

    @GET
    @Path("merges")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MAINTAINER})
    public Response list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("reason") String reason,
                         @QueryParam("start") String start, @QueryParam("limit") String limit,
                         @Context ContainerRequestContext request) {
        MergeReason wanted = null;
        if (reason != null && !reason.isBlank()) {
            wanted = MergeReason.parse(reason).orElseThrow(() -> new InvalidParameterException(
                    "Parameter reason must be identification-point, workflow, apm, referral or api"));
        }
        MergeJournalDao.Filter filter = new MergeJournalDao.Filter(time("from", from), time("to", to), wanted,
                InvalidParameterException.intParam("start", start, 0, 0, 1_000_000),
                InvalidParameterException.intParam("limit", limit, ListQuery.DEFAULT_LIMIT, 1, ListQuery.MAX_LIMIT));
        TenantScope scope = RequestScope.of(request);
        MergeJournalDao.Page page = journal.list(scope, filter);
        return Response.ok(new ListResult<>(page.total(), page.entries().stream().map(e -> e.toJson(scope, false)).toList()))
                .build();
    }

    @POST
    @Path("profile/merge/{merge_id}/revert")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.MAINTAINER})
    public Response revert(@PathParam("merge_id") String mergeId, @Auth ApiUser caller,
                           @Context ContainerRequestContext request) {
        Optional<String> clean = PathIds.clean(mergeId);
        if (clean.isEmpty()) {
            return ApiResponses.notFoundNull();
        }
        try {
            Optional<List<String>> restored = reverts.revert(RequestScope.of(request), clean.get(), caller.getName());
            if (restored.isEmpty()) {
                return ApiResponses.notFoundNull();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reverted", true);
            body.put("restored", restored.get());
            return Response.ok(body).build();
        } catch (MergeNotRevertibleException e) {
            return ApiResponses.detail(409, e.getMessage());
        } catch (TransientQueueException e) {
            return Response.fromResponse(ApiResponses.detail(503, "The merged profiles are busy; try again in a moment"))
                    .header("Retry-After", "1").build();
        }
    }

    private static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Times.parse(value.trim()).orElseThrow(() -> new InvalidParameterException("Parameter " + name
                + " must be a date and time"));
    }
}
