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
import java.util.List;
import java.util.Map;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
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

    private final ConfigTable<ObjectNode> consents;

    public ConsentTypeResource(ConfigTable<ObjectNode> consents) {
        this.consents = consents;
    }

    @POST
    @Path("consent/type")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = ConsentTypes.normalize(doc);
        consents.upsert(RequestScope.of(request), doc);
        return SavedResult.of(id);
    }

    @GET
    @Path("consent/type/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return ApiResponses.okOrNotFound(consents.find(RequestScope.of(request), Bodies.normalizeId(id)));
    }

    /** {@code {"deleted": 1}}, or 200 {@code {"deleted": 0}} when missing (as in Tracardi). */
    @DELETE
    @Path("consent/type/{id}")
    public DeletedResult delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return consents.delete(RequestScope.of(request), Bodies.normalizeId(id)) ? DeletedResult.ONE : DeletedResult.NONE;
    }

    @GET
    @Path("consents/type")
    public ListResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                       @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return ListQuery.of(query, start, limit).flat(consents.list(RequestScope.of(request)), doc -> Bodies.text(doc, "name"));
    }

    /** A no-op (D25). */
    @PUT
    @Path("consents/type/refresh")
    public Map<String, Object> refresh() {
        return Map.of();
    }

}
