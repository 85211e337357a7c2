package org.opencdp.server.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ConfigEndpoints;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.envelope.DeletedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;

/** Consent types (private-api §3.12); the public lists and {@code by_tag} are in {@link ConsentCatalogueResource}. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
public final class ConsentTypeResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("consent_type");

    private final ConfigEndpoints consents;

    public ConsentTypeResource(ConfigTable<ObjectNode> consents) {
        this.consents = ConfigEndpoints.of(consents);
    }

    @POST
    @Path("consent/type")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = ConsentTypes.normalize(doc);
        return consents.saved(doc, id, request);
    }

    @GET
    @Path("consent/type/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return consents.get(id, request);
    }

    /** {@code {"deleted": 1}}, or 200 {@code {"deleted": 0}} when missing (as in Tracardi). */
    @DELETE
    @Path("consent/type/{id}")
    public DeletedResult delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return consents.deleteCounted(id, request);
    }

    @GET
    @Path("consents/type")
    public ListResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                       @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return consents.flat(ListQuery.of(query, start, limit), request);
    }

    /** A no-op (D25). */
    @PUT
    @Path("consents/type/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }

}
