package org.opencdp.server.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencdp.server.common.http.ErrorBody;

/** The answers the private API gives alike on every endpoint (private-api §1.3, §1.4). */
public final class ApiResponses {

    private ApiResponses() {
    }

    /** 404 with the JSON body {@code null}: what Tracardi's clients expect for a missing entity. */
    public static Response notFoundNull() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE).entity("null").build();
    }

    /** 200 with the JSON body {@code null}. */
    public static Response okNull() {
        return Response.ok("null", MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Any status with {@code {"detail": "<message>"}}. */
    public static Response detail(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }

    /** 200 with the entity, or 404 {@code null} when it is absent. */
    public static Response okOrNotFound(java.util.Optional<?> entity) {
        return entity.<Response>map(value -> Response.ok(value, MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(ApiResponses::notFoundNull);
    }
}
