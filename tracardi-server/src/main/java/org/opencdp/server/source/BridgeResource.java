package org.opencdp.server.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
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
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.EntityRef;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/** The read-only bridge catalogue seeded by {@code migrate} (private-api §3.3, domain-model §5); per tenant. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class BridgeResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("bridge")
            .withColumns(List.of(ConfigColumn.requiredText("name", 255, doc -> Documents.text(doc, "name")),
                    ConfigColumn.requiredText("type", 32, doc -> Documents.text(doc, "type"))))
            .perTenant(false);

    private final ConfigTable<ObjectNode> bridges;

    public BridgeResource(ConfigTable<ObjectNode> bridges) {
        this.bridges = bridges;
    }

    @GET
    @Path("bridges")
    public ListResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                       @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return ListQuery.of(query, start, limit).flat(bridges.list(RequestScope.of(request)), doc -> Bodies.text(doc, "name"));
    }

    @GET
    @Path("bridges/entity")
    public ListResult<EntityRef> entities(@Context ContainerRequestContext request) {
        return ListResult.of(bridges.list(RequestScope.of(request)).stream()
                .map(doc -> new EntityRef(Bodies.text(doc, "id"), Bodies.text(doc, "name"))).toList());
    }

    @GET
    @Path("bridge/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        // Bridge ids are UUIDs written in lower case; they are matched as given, only trimmed.
        return ApiResponses.okOrNotFound(bridges.find(RequestScope.of(request), id.strip()));
    }
}
