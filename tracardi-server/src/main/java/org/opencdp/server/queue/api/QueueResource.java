package org.opencdp.server.queue.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;

/** Queue backlog for operators (private-api §3.2). Only the configured namespace can be inspected. */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
public final class QueueResource {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,120}");

    private final QueueBacklog backlog;

    public QueueResource(QueueBacklog backlog) {
        this.backlog = backlog;
    }

    @GET
    @Path("{namespace}/{topic}/backlog")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.MAINTAINER})
    public Response backlog(@PathParam("namespace") String namespace, @PathParam("topic") String topic) {
        if (!backlog.namespace().equals(namespace) || topic == null || !NAME.matcher(topic).matches()) {
            return ApiResponses.detail(404, "Unknown queue topic");
        }
        return backlog.of(topic).<Response>map(answer -> Response.ok(answer).build())
                .orElseGet(() -> ApiResponses.detail(404, "Unknown queue topic"));
    }
}
