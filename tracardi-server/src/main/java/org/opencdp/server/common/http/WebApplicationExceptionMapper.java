package org.opencdp.server.common.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Turns every JAX-RS error (unknown route, wrong method, unsupported media type…) into the JSON error
 * body clients expect, keeping its status.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.getEntity() instanceof ErrorBody) {
            // Already in the JSON error shape (e.g. the auth filter's 401): keep its detail.
            return original;
        }
        int status = original.getStatus();
        String reason = original.getStatusInfo().getReasonPhrase();
        String detail = status == 404 ? "Not Found" : reason == null ? "Error" : reason;
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(detail));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }
}
