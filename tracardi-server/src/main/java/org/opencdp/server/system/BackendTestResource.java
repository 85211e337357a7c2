package org.opencdp.server.system;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.health.Reasons;

/**
 * {@code GET /test/{redis|elasticsearch|mysql|queue}} (private-api §3.2): one round trip to the backend with
 * its latency, or 503 naming why it failed.
 */
@Path("/test")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MAINTAINER})
public final class BackendTestResource {

    private final Map<String, BackendProbe> probes;

    public BackendTestResource(Map<String, BackendProbe> probes) {
        this.probes = Map.copyOf(probes);
    }

    @GET
    @Path("{backend}")
    public Response test(@PathParam("backend") String backend) {
        BackendProbe probe = probes.get(backend);
        if (probe == null) {
            return ApiResponses.detail(404, "Unknown backend " + backend + "; known: " + probes.keySet().stream().sorted().toList());
        }
        long start = System.nanoTime();
        try {
            probe.ping();
        } catch (Exception e) {
            return ApiResponses.detail(503, backend + " is unavailable: " + Reasons.of(e));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("latency_ms", Math.round((System.nanoTime() - start) / 100_000.0) / 10.0);
        return Response.ok(body).build();
    }
}
