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
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.Documents;

/**
 * {@code /consents/type/by_tag}, open to any authenticated user. Kept apart from {@link ConsentTypeResource}, whose
 * class-level role requirement would otherwise apply to it, and from {@link PublicConsentListsResource}, which the
 * collector serves without any authentication.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsentCatalogueResource {

    private final ConfigTable<ObjectNode> consents;

    public ConsentCatalogueResource(ConfigTable<ObjectNode> consents) {
        this.consents = consents;
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
