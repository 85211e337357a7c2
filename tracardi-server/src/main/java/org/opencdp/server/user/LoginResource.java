package org.opencdp.server.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.PublicEndpoint;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.auth.AccessTokens;
import org.opencdp.server.api.auth.BearerTokenFilter;
import org.opencdp.server.storage.Tenant;

/**
 * Login and logout (private-api §2.1, §2.2). {@code /token} is the OAuth2 password-grant alias the PHP SDK
 * uses; {@code grant_type}, {@code client_id}, {@code client_secret} and {@code scope} are accepted and ignored.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class LoginResource {

    static final String BAD_LOGIN = "Incorrect username or password";
    static final String THROTTLED = "Too many failed login attempts. Try again later.";

    private final LoginService logins;
    private final AccessTokens tokens;

    public LoginResource(LoginService logins, AccessTokens tokens) {
        this.logins = logins;
        this.tokens = tokens;
    }

    @POST
    @Path("user/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PublicEndpoint
    public Response tokenForm(MultivaluedMap<String, String> form, @Context ContainerRequestContext request,
                              @Context HttpServletRequest servlet) {
        return login(form.getFirst("username"), form.getFirst("password"), request, servlet);
    }

    @POST
    @Path("user/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    public Response tokenJson(JsonNode body, @Context ContainerRequestContext request, @Context HttpServletRequest servlet) {
        JsonNode fields = body == null ? JsonNodeFactory.instance.objectNode() : body;
        return login(fields.path("username").asText(null), fields.path("password").asText(null), request, servlet);
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PublicEndpoint
    public Response aliasForm(MultivaluedMap<String, String> form, @Context ContainerRequestContext request,
                              @Context HttpServletRequest servlet) {
        return tokenForm(form, request, servlet);
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicEndpoint
    public Response aliasJson(JsonNode body, @Context ContainerRequestContext request, @Context HttpServletRequest servlet) {
        return tokenJson(body, request, servlet);
    }

    /** Revokes the presented token only; unknown or already revoked tokens also answer 200. */
    @POST
    @Path("user/logout")
    @PublicEndpoint
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context ContainerRequestContext request) {
        String token = BearerTokenFilter.bearerToken(authorization);
        if (token == null) {
            return BearerTokenFilter.unauthorized();
        }
        tokens.revokeHash(RequestScope.of(request).tenant(), null, AccessTokens.sha256(token));
        return ApiResponses.okNull();
    }

    private Response login(String username, String password, ContainerRequestContext request, HttpServletRequest servlet) {
        if (username == null || username.isBlank() || password == null || username.length() > 255 || password.length() > 1024) {
            return ApiResponses.detail(400, BAD_LOGIN);
        }
        Tenant tenant = RequestScope.of(request).tenant();
        LoginService.Outcome outcome = logins.login(tenant, username, password, servlet.getRemoteAddr());
        if (outcome instanceof LoginService.Outcome.Granted granted) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", granted.token());
            body.put("token_type", "bearer");
            body.put("roles", granted.user().roles());
            body.put("preference", granted.user().preference() == null
                    ? JsonNodeFactory.instance.objectNode() : granted.user().preference());
            body.put("expires_in", granted.expiresIn());
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
        }
        if (outcome instanceof LoginService.Outcome.Throttled) {
            return Response.fromResponse(ApiResponses.detail(429, THROTTLED)).header("Retry-After", LoginThrottle.WINDOW.toSeconds()).build();
        }
        return ApiResponses.detail(400, BAD_LOGIN);
    }
}
