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

/**
 * Generic search (private-api §3.16) over the data indices in Elasticsearch and the configuration indices in
 * MySQL. Every role may search.
 */
@Path("/{index}/select")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
public final class SearchResource {

    static final int MAX_PAGE = SearchService.MAX_WINDOW / SearchService.PAGE_SIZE - 1;

    private final SearchService search;
    private final ConfigSearchService configs;

    public SearchResource(SearchService search, ConfigSearchService configs) {
        this.search = search;
        this.configs = configs;
    }

    @POST
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response select(@PathParam("index") String index, JsonNode body, @Context ContainerRequestContext request) {
        return answer(index, searchable -> search.select(RequestScope.of(request), searchable, body),
                config -> configs.select(RequestScope.of(request), config, body));
    }

    @POST
    @Path("range")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response range(@PathParam("index") String index, JsonNode body, @Context ContainerRequestContext request) {
        return answer(index, searchable -> search.range(RequestScope.of(request), searchable, body, null),
                config -> configs.range(RequestScope.of(request), config, body, null));
    }

    @POST
    @Path("range/page/{page}")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response rangePage(@PathParam("index") String index, @PathParam("page") String page, JsonNode body,
                              @Context ContainerRequestContext request) {
        int number = InvalidParameterException.intParam("page", page, 0, 0, MAX_PAGE);
        return answer(index, searchable -> search.range(RequestScope.of(request), searchable, body, number),
                config -> configs.range(RequestScope.of(request), config, body, number));
    }

    @POST
    @Path("histogram")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER, ApiRoles.MAINTAINER})
    public Response histogram(@PathParam("index") String index, @QueryParam("group_by") String groupBy, JsonNode body,
                              @Context ContainerRequestContext request) {
        return answer(index, searchable -> search.histogram(RequestScope.of(request), searchable, body, groupBy),
                config -> configs.histogram(RequestScope.of(request), config, body, groupBy));
    }

    @FunctionalInterface
    private interface Search<I> {
        Object run(I index) throws SearchService.BadSearch;
    }

    /**
     * Runs the search of the index named in the path: {@code data} for an Elasticsearch index, {@code config} for
     * a MySQL configuration index; 404 for any other name.
     */
    private static Response answer(String index, Search<SearchableIndex> data, Search<ConfigIndex> config) {
        Optional<SearchableIndex> searchable = SearchableIndex.of(index);
        Optional<ConfigIndex> configIndex = ConfigIndex.of(index);
        if (searchable.isEmpty() && configIndex.isEmpty()) {
            return ApiResponses.detail(404, "Index " + abbreviate(index) + " cannot be searched");
        }
        try {
            return Response.ok(searchable.isPresent() ? data.run(searchable.get()) : config.run(configIndex.get())).build();
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
