package org.opencdp.server.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.opencdp.server.storage.elastic.SearchRejectedException;

/**
 * Error mappers shared by the data endpoints (profiles, sessions, events, search): unusable parameters and
 * queries Elasticsearch refuses both come from client input and answer 422.
 */
public final class DataErrorsModule implements PrivateApiModule {

    @Override
    public List<Object> components(ApiWiring wiring) {
        return List.of(new InvalidParameterException.Mapper(), new SearchRejectedMapper());
    }

    /** 422 {@code {"detail": "Invalid query: <reason>"}}. */
    public static final class SearchRejectedMapper implements ExceptionMapper<SearchRejectedException> {
        @Override
        public Response toResponse(SearchRejectedException exception) {
            return ApiResponses.detail(422, "Invalid query: " + exception.getMessage());
        }
    }
}
