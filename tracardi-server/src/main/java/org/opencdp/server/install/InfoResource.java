package org.opencdp.server.install;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.PublicEndpoint;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.migrate.SchemaVersion;

/** Version and installation state (private-api §3.2). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class InfoResource {

    private final String reportedVersion;
    private final String instance;
    private final InstallService install;

    public InfoResource(String reportedVersion, String instance, InstallService install) {
        this.reportedVersion = reportedVersion;
        this.instance = instance;
        this.install = install;
    }

    @GET
    @Path("info/version")
    @PublicEndpoint
    public String version() {
        return "\"" + reportedVersion.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @GET
    @Path("info/version/details")
    @PublicEndpoint
    public Map<String, Object> details() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", reportedVersion);
        body.put("name", "tracardi");
        body.put("db_version", SchemaVersion.CURRENT);
        body.put("instance", instance);
        body.put("upgrades", List.of());
        return body;
    }

    @GET
    @PublicEndpoint
    public Map<String, Object> root(@Context ContainerRequestContext request) {
        InstallStatus status = install.status(RequestScope.of(request).tenant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", reportedVersion);
        body.put("instance", instance);
        body.put("installed", Map.of("schema", status.schemaOk(), "users", status.adminOk(), "form", status.formOk()));
        return body;
    }

    @GET
    @Path("migrations")
    @RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MAINTAINER})
    public List<Object> migrations() {
        // Schema migrations run in the migrate role (operations §6); nothing is pending through the API.
        return List.of();
    }
}
