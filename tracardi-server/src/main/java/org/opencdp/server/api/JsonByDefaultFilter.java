package org.opencdp.server.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Treats a request body without {@code Content-Type} as JSON (private-api §1.1): Tracardi's test client sends
 * none, and Jersey would otherwise answer 415.
 */
@PreMatching
public final class JsonByDefaultFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if ((type == null || type.isBlank()) && announcesBody(request)) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    /**
     * Decided from the headers alone: reading the stream here (as {@code hasEntity()} does) would surface body
     * errors, such as a corrupt gzip body, before the resource can answer them properly.
     */
    private static boolean announcesBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }
}
