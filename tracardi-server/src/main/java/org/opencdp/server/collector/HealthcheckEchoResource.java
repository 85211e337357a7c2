package org.opencdp.server.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The public {@code /healthcheck} echo (collector-api §8): answers with the request's headers and body and
 * never touches a backend, so load balancers can probe liveness cheaply. Credentials are masked.
 */
@Path("/healthcheck")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthcheckEchoResource {

    private static final Set<String> MASKED = Set.of("authorization", "cookie");

    private final ObjectMapper json;

    public HealthcheckEchoResource(ObjectMapper json) {
        this.json = json;
    }

    /** The echoed request. */
    public record Echo(Map<String, String> headers, JsonNode json, String body) {
    }

    @GET
    public Echo get(@Context HttpHeaders headers) {
        return echo(headers, "");
    }

    @POST
    public Echo post(@Context HttpHeaders headers, String body) {
        return echo(headers, body);
    }

    @PUT
    public Echo put(@Context HttpHeaders headers, String body) {
        return echo(headers, body);
    }

    @DELETE
    public Echo delete(@Context HttpHeaders headers, String body) {
        return echo(headers, body);
    }

    private Echo echo(HttpHeaders headers, String body) {
        Map<String, String> echoed = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            echoed.put(key, MASKED.contains(key) ? "***" : String.join(", ", values == null ? List.of() : values));
        });
        String text = body == null ? "" : body;
        return new Echo(echoed, parse(text), text);
    }

    private JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }
}
