package org.opencdp.server.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.common.http.ErrorBody;

/** Answers {@link InvalidBodyException} with FastAPI's 422 shape, one entry per problem. */
public final class InvalidBodyExceptionMapper implements ExceptionMapper<InvalidBodyException> {

    @Override
    public Response toResponse(InvalidBodyException exception) {
        List<Map<String, Object>> detail = exception.problems().stream().map(problem -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("loc", problem.field() == null || problem.field().isEmpty() ? List.of("body") : List.of("body", problem.field()));
            entry.put("msg", problem.message());
            entry.put("type", "value_error");
            return entry;
        }).toList();
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(detail)).build();
    }
}
