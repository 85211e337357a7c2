package org.opencdp.server.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;

/**
 * A body that is not valid JSON answers 422 in FastAPI's shape, as Tracardi does (collector-api §2.1):
 * {@code {"detail":[{"loc":["body",0],"msg":"JSON decode error","type":"json_invalid"}]}}.
 */
public final class JsonParseExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
        Map<String, Object> error = Map.of("loc", List.of("body", 0), "msg", "JSON decode error", "type", "json_invalid");
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(List.of(error))).build();
    }
}
