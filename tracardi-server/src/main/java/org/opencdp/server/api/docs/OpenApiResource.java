package org.opencdp.server.api.docs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.opencdp.server.api.PublicEndpoint;

/** {@code GET /openapi.json}: the private API's own description (served when {@code api.docs} is on). */
@Path("/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {

    private final Map<String, Object> document;

    public OpenApiResource(Map<String, Object> document) {
        this.document = document;
    }

    @GET
    @PublicEndpoint
    public Map<String, Object> document() {
        return document;
    }
}
