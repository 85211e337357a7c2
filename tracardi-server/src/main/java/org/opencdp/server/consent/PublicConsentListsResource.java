package org.opencdp.server.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.storage.mysql.ConfigTable;

/**
 * The two read-only consent lists consent widgets read without a token (D16). Served by every role that collects,
 * the internet-facing collector included, and by nothing else of the consent API.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class PublicConsentListsResource {

    private final ConfigTable<ObjectNode> consents;

    public PublicConsentListsResource(ConfigTable<ObjectNode> consents) {
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

}
