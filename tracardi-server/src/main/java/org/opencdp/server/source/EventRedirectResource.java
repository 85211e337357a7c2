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
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ConfigEndpoints;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/** Redirect records (private-api §3.3, domain-model §15.4): stored for {@code /redirect/{id}}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
public final class EventRedirectResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("event_redirect",
            ConfigColumn.text("source_id", 128, doc -> Documents.text(doc, "source.id")),
            ConfigColumn.text("event_type_id", 128, doc -> Documents.text(doc, "event_type")));

    private final ConfigEndpoints redirects;

    public EventRedirectResource(ConfigTable<ObjectNode> redirects) {
        this.redirects = ConfigEndpoints.of(redirects);
    }

    @POST
    @Path("event-redirect")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = Bodies.idOrNew(doc);
        Bodies.requiredText(doc, "url");
        Bodies.reference(doc, "source");
        Bodies.objectField(doc, "props");
        Bodies.stringList(doc, "tags");
        return redirects.saved(doc, id, request);
    }

    @GET
    @Path("event-redirect/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return redirects.get(id, request);
    }

    @DELETE
    @Path("event-redirect/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return redirects.delete(id, request);
    }

    @GET
    @Path("event-redirects")
    public ListResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                       @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return redirects.flat(ListQuery.of(query, start, limit), request);
    }
}
