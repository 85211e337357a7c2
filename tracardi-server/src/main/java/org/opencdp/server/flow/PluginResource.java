package org.opencdp.server.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.opencdp.server.api.ApiResponses;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.Bodies;
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

/** The action plugin registry (private-api §3.9, domain-model §15.7); per tenant, shared by both contexts. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ApiRoles.ADMIN, ApiRoles.DEVELOPER})
public final class PluginResource {

    public static final ConfigTableSpec<ObjectNode> SPEC = ConfigTableSpec.documents("plugin").withColumns(List.of(
                    ConfigColumn.requiredText("module", 255, doc -> Documents.text(doc, "plugin.spec.module")),
                    ConfigColumn.requiredText("class_name", 255, doc -> Documents.text(doc, "plugin.spec.className")),
                    ConfigColumn.flag("enabled", doc -> doc.path("settings").path("enabled").asBoolean(true))))
            .perTenant(false).orderedBy("id");

    private final ConfigTable<ObjectNode> plugins;

    public PluginResource(ConfigTable<ObjectNode> plugins) {
        this.plugins = plugins;
    }

    /** Grouped by the first of {@code plugin.metadata.group}; hidden plugins and other flow types left out. */
    @GET
    @Path("flow/action/plugins")
    public GroupedResult<ObjectNode> list(@QueryParam("flow_type") String flowType, @QueryParam("query") String query,
                                          @QueryParam("start") Integer start, @QueryParam("limit") Integer limit,
                                          @Context ContainerRequestContext request) {
        List<ObjectNode> visible = plugins.list(RequestScope.of(request)).stream()
                .filter(doc -> !doc.path("settings").path("hidden").asBoolean(false))
                .filter(doc -> flowType == null || flowType.isBlank() || !doc.path("plugin").path("metadata").has("purpose")
                        || Documents.strings(doc.path("plugin").path("metadata"), "purpose").contains(flowType))
                .toList();
        return new ListQuery(query, start == null ? 0 : start, limit == null ? ListQuery.MAX_LIMIT : limit).grouped(visible,
                doc -> Documents.text(doc, "plugin.metadata.name"),
                doc -> Documents.strings(doc.path("plugin").path("metadata"), "group").stream().limit(1).toList(),
                "General");
    }

    @POST
    @Path("flow/action/plugin")
    public SavedResult save(JsonNode body, @Context ContainerRequestContext request) {
        ObjectNode doc = Bodies.object(body);
        ObjectNode spec = Bodies.objectField(Bodies.objectField(doc, "plugin"), "spec");
        if (Bodies.text(doc, "id") == null) {
            doc.put("id", md5(Bodies.text(spec, "module") + Bodies.text(spec, "className") + Bodies.text(spec, "version")));
        }
        String id = Bodies.idOrNew(doc);
        ObjectNode time = Bodies.objectField(Bodies.objectField(doc, "metadata"), "time");
        Bodies.defaultText(time, "insert", Bodies.now());
        ObjectNode settings = Bodies.objectField(doc, "settings");
        Bodies.flag(settings, "enabled", true);
        Bodies.flag(settings, "hidden", false);
        plugins.upsert(RequestScope.of(request), doc);
        return SavedResult.of(id);
    }

    @GET
    @Path("flow/action/plugin/{id}")
    public Response get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return plugins.find(RequestScope.of(request), Bodies.normalizeId(id)).map(doc -> Response.ok(doc).build())
                .orElseGet(() -> missing(id));
    }

    @DELETE
    @Path("flow/action/plugin/{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return plugins.delete(RequestScope.of(request), Bodies.normalizeId(id)) ? Response.ok(DeletedResult.ONE).build()
                : missing(id);
    }

    @GET
    @Path("flow/action/plugin/{id}/hide/{state}")
    public Response hide(@PathParam("id") String id, @PathParam("state") String state, @Context ContainerRequestContext request) {
        boolean hidden = Bodies.yesNo(state);
        return update(RequestScope.of(request), id, doc -> Bodies.objectField(doc, "settings").put("hidden", hidden));
    }

    @GET
    @Path("flow/action/plugin/{id}/enable/{state}")
    public Response enable(@PathParam("id") String id, @PathParam("state") String state, @Context ContainerRequestContext request) {
        boolean enabled = Bodies.yesNo(state);
        return update(RequestScope.of(request), id, doc -> Bodies.objectField(doc, "settings").put("enabled", enabled));
    }

    @PUT
    @Path("flow/action/plugin/{id}/icon/{icon}")
    public Response icon(@PathParam("id") String id, @PathParam("icon") String icon, @Context ContainerRequestContext request) {
        return update(RequestScope.of(request), id, doc -> metadata(doc).put("icon", icon));
    }

    @PUT
    @Path("flow/action/plugin/{id}/name/{name}")
    public Response name(@PathParam("id") String id, @PathParam("name") String name, @Context ContainerRequestContext request) {
        return update(RequestScope.of(request), id, doc -> metadata(doc).put("name", name));
    }

    /** Validation of a node's {@code init} needs the plugin implementations; until then the init is accepted. */
    @POST
    @Path("plugin/{id}/config/validate")
    public JsonNode validate(@PathParam("id") String id, JsonNode init) {
        return init;
    }

    private Response update(TenantScope scope, String id, Consumer<ObjectNode> change) {
        return plugins.find(scope, Bodies.normalizeId(id)).map(doc -> {
            change.accept(doc);
            plugins.upsert(scope, doc);
            return Response.ok(SavedResult.of(Bodies.text(doc, "id"))).build();
        }).orElseGet(() -> ApiResponses.detail(406, "Can not this operation on missing plugin '" + id + "'"));
    }

    private static ObjectNode metadata(ObjectNode doc) {
        return Bodies.objectField(Bodies.objectField(doc, "plugin"), "metadata");
    }

    private static Response missing(String id) {
        return ApiResponses.detail(404, "Missing plugin id '" + id + "'");
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
