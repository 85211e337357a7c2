package org.opencdp.server.api.auth;

import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.opencdp.server.api.ApiUser;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.common.http.ErrorBody;

/**
 * Reads {@code Authorization: Bearer <token>} (scheme matched case-insensitively, private-api §1.1) and
 * authenticates it. Unlike Dropwizard's OAuth filter it never reads a token from the query string, where it
 * would end up in access logs.
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter extends AuthFilter<BearerCredentials, ApiUser> {

    public static final String INVALID_TOKEN = "Invalid or expired token";

    public BearerTokenFilter(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.authorizer = (user, role, request) -> user.hasRole(role);
        this.prefix = "Bearer";
        this.realm = "tracardi";
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        BearerCredentials credentials = token == null ? null
                : new BearerCredentials(RequestScope.of(request).tenant(), token);
        if (!authenticate(request, credentials, "Bearer")) {
            throw new WebApplicationException(unauthorized());
        }
    }

    /** The token of a {@code Bearer} header, or null when the header is absent or has another scheme. */
    public static String bearerToken(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        int space = value.indexOf(' ');
        if (space <= 0 || !value.substring(0, space).equalsIgnoreCase("bearer")) {
            return null;
        }
        String token = value.substring(space + 1).trim();
        return token.isEmpty() ? null : token;
    }

    public static Response unauthorized() {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(INVALID_TOKEN))
                .build();
    }
}
