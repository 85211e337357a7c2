package org.opencdp.server.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.ConfigEndpoints;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;

/** Stored Elasticsearch reports with {@code {{param}}} placeholders (private-api §3.13). */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER, ApiRoles.MARKETER})
public final class ReportResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("report");
    static final List<String> INDICES = List.of("profile", "session", "event", "entity");

    private final ConfigEndpoints reports;
    private final ReportRunner runner;

    public ReportResource(ConfigTable<ObjectNode> reports, ReportRunner runner) {
        this.reports = ConfigEndpoints.of(reports);
        this.runner = runner;
    }

    @POST
    @Path("report")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = normalize(Bodies.object(body));
        return reports.saved(doc, Bodies.text(doc, "id"), request);
    }

    @GET
    @Path("report/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return reports.get(id, request);
    }

    @DELETE
    @Path("report/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return reports.delete(id, request);
    }

    @GET
    @Path("reports")
    public GroupedResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                          @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return reports.grouped(ListQuery.of(query, start, limit), request, "tags", "General");
    }

    /** Runs an unsaved report: {@code {"report": {...}, "params": {...}}}. */
    @POST
    @Path("report/test")
    public ListResult<JsonNode> test(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        return runner.run(RequestScope.of(request), normalize(Bodies.object(doc.get("report"))), doc.get("params"));
    }

    @POST
    @Path("report/{id}/run")
    public Response run(@PathParam("id") String id, JsonNode params, @Context ContainerRequestContext request) {
        return reports.find(id, request)
                .map(report -> Response.ok(runner.run(RequestScope.of(request), report, params)).build())
                .orElseGet(ApiResponses::notFoundNull);
    }

    static ObjectNode normalize(ObjectNode doc) {
        Bodies.idOrNew(doc);
        Bodies.requiredText(doc, "name");
        Bodies.defaultText(doc, "description", "");
        if (!INDICES.contains(Bodies.text(doc, "index"))) {
            throw InvalidBodyException.of("index", "value must be one of " + INDICES);
        }
        Bodies.objectField(doc, "query");
        Bodies.stringList(doc, "tags");
        return doc;
    }
}
