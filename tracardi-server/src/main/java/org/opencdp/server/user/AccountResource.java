package org.opencdp.server.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiUser;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.auth.PasswordHasher;
import org.opencdp.server.api.envelope.SavedResult;

/**
 * The caller's own account and preferences (private-api §3.1). Open to every role (D15): preferences are
 * personal, and the account view shows a fingerprint of the password hash, never the hash.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public final class AccountResource {

    private final UserDao users;
    private final UserService service;

    public AccountResource(UserDao users, UserService service) {
        this.users = users;
        this.service = service;
    }

    @GET
    @Path("user-account")
    public Response account(@Auth ApiUser caller) {
        Optional<UserRecord> user = users.find(caller.tenant(), caller.id());
        if (user.isEmpty()) {
            return ApiResponses.notFoundNull();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        UserRecord record = user.get();
        body.put("id", record.id());
        body.put("email", record.email());
        body.put("name", record.name());
        body.put("roles", record.roles());
        body.put("enabled", record.enabled());
        body.put("expiration_timestamp", record.expirationTimestamp());
        body.put("preference", record.preference());
        body.put("password", users.passwordHash(caller.tenant(), caller.id()).map(PasswordHasher::fingerprint).orElse(null));
        return Response.ok(body).build();
    }

    @POST
    @Path("user-account")
    public Response updateAccount(@Auth ApiUser caller, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw InvalidBodyException.of("", "a JSON object is required");
        }
        String name = body.hasNonNull("name") ? body.get("name").asText() : null;
        String password = body.hasNonNull("password") ? body.get("password").asText() : null;
        if (password != null && password.length() > 1024) {
            throw InvalidBodyException.of("password", "at most 1024 characters");
        }
        return service.updateAccount(caller.tenant(), caller.id(), name, password)
                .<Response>map(user -> Response.ok(Map.of("inserted", 1)).build())
                .orElseGet(ApiResponses::notFoundNull);
    }

    @GET
    @Path("user/preferences")
    public Response preferences(@Auth ApiUser caller) {
        return users.find(caller.tenant(), caller.id())
                .<Response>map(user -> Response.ok(preference(user)).build())
                .orElseGet(ApiResponses::notFoundNull);
    }

    @GET
    @Path("user/preference/{key}")
    public Response preference(@Auth ApiUser caller, @PathParam("key") String key) {
        Optional<UserRecord> user = users.find(caller.tenant(), caller.id());
        JsonNode value = user.map(u -> preference(u).get(key)).orElse(null);
        return value == null ? ApiResponses.notFoundNull() : Response.ok(value.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("user/preference/{key}")
    public Response savePreference(@Auth ApiUser caller, @PathParam("key") String key, JsonNode value) {
        Optional<UserRecord> user = users.find(caller.tenant(), caller.id());
        if (user.isEmpty()) {
            return ApiResponses.notFoundNull();
        }
        ObjectNode preference = preference(user.get()).deepCopy();
        preference.set(key, value == null ? JsonNodeFactory.instance.nullNode() : value);
        service.savePreferences(caller.tenant(), user.get(), preference);
        return Response.ok(SavedResult.of(caller.id())).build();
    }

    @DELETE
    @Path("user/preference/{key}")
    public Response deletePreference(@Auth ApiUser caller, @PathParam("key") String key) {
        Optional<UserRecord> user = users.find(caller.tenant(), caller.id());
        if (user.isEmpty() || !preference(user.get()).has(key)) {
            return ApiResponses.detail(404, "Preference " + key + " not found");
        }
        ObjectNode preference = preference(user.get()).deepCopy();
        preference.remove(key);
        service.savePreferences(caller.tenant(), user.get(), preference);
        return Response.ok(SavedResult.of(caller.id())).build();
    }

    private static ObjectNode preference(UserRecord user) {
        return user.preference() == null ? JsonNodeFactory.instance.objectNode() : user.preference();
    }
}
