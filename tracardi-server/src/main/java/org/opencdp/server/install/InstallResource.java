package org.opencdp.server.install;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.PublicEndpoint;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.user.UserInput;

/**
 * {@code GET/POST /install} (private-api §5.1). Public, but {@code POST} needs the installation token and can
 * only ever create the first admin.
 */
@Path("/install")
@Produces(MediaType.APPLICATION_JSON)
public final class InstallResource {

    private final InstallService service;
    private final InstallThrottle throttle;

    public InstallResource(InstallService service, InstallThrottle throttle) {
        this.service = service;
        this.throttle = throttle;
    }

    @GET
    @PublicEndpoint
    public InstallStatus status(@Context ContainerRequestContext request) {
        return service.status(RequestScope.of(request).tenant());
    }

    @POST
    @PublicEndpoint
    public Response install(JsonNode body, @Context ContainerRequestContext request, @Context HttpServletRequest servlet) {
        if (body == null || !body.isObject()) {
            throw InvalidBodyException.of("", "a JSON object is required");
        }
        String address = servlet.getRemoteAddr();
        if (throttle.blocked(address)) {
            return ApiResponses.detail(429, "Too many failed installation attempts. Try again later.");
        }
        Optional<InstallService.Refusal> refusal = service.checkToken(body.path("token").asText(null));
        if (refusal.isPresent()) {
            if (refusal.get() == InstallService.Refusal.TOKEN_NOT_CONFIGURED) {
                return ApiResponses.detail(403, "Installation token is not configured.");
            }
            throttle.recordFailure(address);
            return ApiResponses.detail(403, "Installation token is invalid.");
        }
        boolean needsAdmin = body.path("needs_admin").asBoolean(true);
        UserInput admin = null;
        if (needsAdmin) {
            com.fasterxml.jackson.databind.node.ObjectNode user = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            user.set("email", body.get("username"));
            user.set("password", body.get("password"));
            user.put("name", "Administrator");
            try {
                admin = UserInput.parse(user, true);
            } catch (InvalidBodyException e) {
                // The install body names the e-mail field "username".
                throw new InvalidBodyException(e.problems().stream()
                        .map(p -> new InvalidBodyException.Problem("email".equals(p.field()) ? "username" : p.field(), p.message()))
                        .toList());
            }
        }
        Tenant tenant = RequestScope.of(request).tenant();
        return Response.ok(service.install(tenant, needsAdmin, admin)).build();
    }
}
