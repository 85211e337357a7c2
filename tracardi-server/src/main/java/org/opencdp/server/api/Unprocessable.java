package org.opencdp.server.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.common.http.ErrorBody;

/**
 * 422 answers for bodies that parse but do not validate (private-api §1.4), in FastAPI's shape so that clients
 * reading {@code detail[0].loc[1]} find the field: {@code {"detail":[{"loc":["body","<field>"],"msg":"…","type":"value_error"}]}}.
 */
public final class Unprocessable {

    private Unprocessable() {
    }

    /** 422 naming one body field. */
    public static Response field(String field, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("loc", List.of("body", field));
        error.put("msg", message);
        error.put("type", "value_error");
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(List.of(error))).build();
    }

    /** 422 with a plain message, for problems that are not about one field. */
    public static Response message(String message) {
        return ApiResponses.detail(422, message);
    }
}
