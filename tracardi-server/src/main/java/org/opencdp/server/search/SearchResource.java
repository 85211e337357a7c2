package org.opencdp.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.InvalidParameterException;
import org.opencdp.server.api.RequestScope;

/** Generic search over the data indices (private-api §3.16). Every role may search. */
@Path("/{index}/select")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
public final class SearchResource {

    static final int MAX_PAGE = SearchService.MAX_WINDOW / SearchService.PAGE_SIZE - 1;

    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @POST
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response select(@PathParam("index") String index, JsonNode body, @Context ContainerRequestContext request) {
        return answer(index, searchable -> search.select(RequestScope.of(request), searchable, body));
    }

    @POST
    @Path("range")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response range(@PathParam("index") String index, JsonNode body, @Context ContainerRequestContext request) {
        return answer(index, searchable -> search.range(RequestScope.of(request), searchable, body, null));
    }

    @POST
    @Path("range/page/{page}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response rangePage(@PathParam("index") String index, @PathParam("page") String page, JsonNode body,
                              @Context ContainerRequestContext request) {
        int number = InvalidParameterException.intParam("page", page, 0, 0, MAX_PAGE);
        return answer(index, searchable -> search.range(RequestScope.of(request), searchable, body, number));
    }

    @POST
    @Path("histogram")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response histogram(@PathParam("index") String index, @QueryParam("group_by") String groupBy, JsonNode body,
                              @Context ContainerRequestContext request) {
        return answer(index, searchable -> search.histogram(RequestScope.of(request), searchable, body, groupBy));
    }

    @FunctionalInterface
    private interface Search {
        Object run(SearchableIndex index) throws SearchService.BadSearch;
    }

    private static Response answer(String index, Search run) {
        Optional<SearchableIndex> searchable = SearchableIndex.of(index);
        if (searchable.isEmpty()) {
            return ApiResponses.detail(404, "Index " + abbreviate(index) + " cannot be searched");
        }
        try {
            return Response.ok(run.run(searchable.get())).build();
        } catch (SearchService.BadSearch e) {
            if (e.field() == null) {
                return ApiResponses.detail(422, e.getMessage());
            }
            throw InvalidBodyException.of(e.field(), e.getMessage());
        }
    }

    private static String abbreviate(String text) {
        String value = text == null ? "" : text;
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
