package org.opencdp.server.task;

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
import java.util.List;
import java.util.Map;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.ListQuery;
import org.opencdp.server.api.RequestScope;
import org.opencdp.server.api.envelope.DeletedResult;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigColumn;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.ConfigTableSpec;
import org.opencdp.server.storage.mysql.Documents;

/** Background task records (private-api §3.15, domain-model §15.6); per tenant, newest first. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class TaskResource {

    static final List<String> STATUSES = List.of("pending", "running", "error", "done", "cancelled");
    static final String GROUP = "Tasks";

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("task").withColumns(List.of(
                    ConfigColumn.requiredText("name", 255, doc -> Documents.text(doc, "name")),
                    ConfigColumn.text("task_id", 64, doc -> Documents.text(doc, "task_id")),
                    ConfigColumn.requiredText("type", 64, doc -> Documents.text(doc, "type")),
                    ConfigColumn.requiredText("status", 16, doc -> Documents.text(doc, "status")),
                    ConfigColumn.number("progress", doc -> doc.path("progress").asDouble(0))))
            .perTenant(true).orderedBy("created_at, id");

    private final ConfigTable<ObjectNode> tasks;

    public TaskResource(ConfigTable<ObjectNode> tasks) {
        this.tasks = tasks;
    }

    @POST
    @Path("task")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        String id = Bodies.idOrNew(doc);
        Bodies.requiredText(doc, "type");
        Bodies.defaultText(doc, "name", "");
        Bodies.defaultText(doc, "status", "pending");
        if (!STATUSES.contains(Bodies.text(doc, "status"))) {
            throw InvalidBodyException.of("status", "value must be one of " + STATUSES);
        }
        JsonNode progress = doc.get("progress");
        if (progress != null && !progress.isNull() && !progress.isNumber()) {
            throw InvalidBodyException.of("progress", "value is not a valid number");
        }
        if (progress == null || progress.isNull()) {
            doc.put("progress", 0);
        }
        Bodies.objectField(doc, "params");
        Bodies.defaultText(doc, "timestamp", Bodies.now());
        if (Bodies.text(doc, "task_id") != null && Bodies.text(doc, "task_id").length() > Bodies.MAX_ID_LENGTH) {
            throw InvalidBodyException.of("task_id", "at most " + Bodies.MAX_ID_LENGTH + " characters");
        }
        tasks.upsert(RequestScope.of(request), doc);
        return SavedResult.of(id);
    }

    @GET
    @Path("tasks")
    public GroupedResult<ObjectNode> list(@QueryParam("query") String query, @QueryParam("start") Integer start,
                                          @QueryParam("limit") Integer limit, @Context ContainerRequestContext request) {
        return group(tasks.list(RequestScope.of(request)), ListQuery.of(query, start, limit));
    }

    @GET
    @Path("tasks/type/{type}")
    public GroupedResult<ObjectNode> byType(@PathParam("type") String type, @QueryParam("query") String query,
                                            @QueryParam("start") Integer start, @QueryParam("limit") Integer limit,
                                            @Context ContainerRequestContext request) {
        return group(tasks.listWhere(RequestScope.of(request), Map.of("type", type)), ListQuery.of(query, start, limit));
    }

    /** Deletes the task with this id, or the tasks reporting on this job id; 200 even when none matched. */
    @DELETE
    @Path("task/{id}")
    public DeletedResult delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        TenantScope scope = RequestScope.of(request);
        String key = id.strip();
        int deleted = tasks.delete(scope, Bodies.normalizeId(key)) ? 1 : 0;
        deleted += tasks.deleteWhere(scope, Map.of("task_id", key));
        return new DeletedResult(deleted);
    }

    private static GroupedResult<ObjectNode> group(List<ObjectNode> items, ListQuery query) {
        List<ObjectNode> newestFirst = new java.util.ArrayList<>(items);
        java.util.Collections.reverse(newestFirst);
        List<ObjectNode> matching = newestFirst.stream().filter(doc -> query.matches(Bodies.text(doc, "name"), List.of()))
                .toList();
        return new GroupedResult<>(matching.size(), matching.isEmpty() ? Map.of() : Map.of(GROUP, query.page(matching)));
    }
}
