package org.opencdp.server.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.PublicEndpoint;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.Documents;

/**
 * The read-only consent lists: {@code enabled} and {@code ids} need no token (consent widgets read them, D16),
 * {@code by_tag} any authenticated user. Kept apart from {@link ConsentTypeResource}, whose class-level role
 * requirement would otherwise apply to them too.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsentCatalogueResource {

    private final ConfigTable<ObjectNode> consents;

    public ConsentCatalogueResource(ConfigTable<ObjectNode> consents) {
        this.consents = consents;
    }

    @GET
    @Path("consents/type/enabled")
    @PublicEndpoint
    public ListResult<ObjectNode> enabled(@QueryParam("start") Integer start, @QueryParam("limit") Integer limit,
                                          @Context ContainerRequestContext request) {
        return ListQuery.of(null, start, limit).flat(consents.listWhere(RequestScope.of(request), Map.of("enabled", true)),
                doc -> Bodies.text(doc, "name"));
    }

    @GET
    @Path("consents/type/ids")
    @PublicEndpoint
    public ListResult<String> ids(@Context ContainerRequestContext request) {
        return ListResult.of(consents.list(RequestScope.of(request)).stream().map(doc -> Bodies.text(doc, "id")).toList());
    }

    @GET
    @Path("consents/type/by_tag")
    @PermitAll
    public GroupedResult<ObjectNode> byTag(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                           @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return ListQuery.of(query, start, limit).grouped(consents.list(RequestScope.of(request)),
                doc -> Bodies.text(doc, "name"), doc -> Documents.strings(doc, "tags"), "General");
    }
}
