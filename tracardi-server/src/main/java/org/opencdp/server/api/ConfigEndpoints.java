package org.opencdp.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.opencdp.server.api.envelope.DeletedResult;
import org.opencdp.server.api.envelope.GroupedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.api.envelope.SavedResult;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigTable;
import org.opencdp.server.storage.mysql.Documents;

/**
 * The get-one, delete-one, save and list answers that the configuration endpoints give alike (private-api §1.2,
 * §1.3), over the documents of one kind. Resources keep their own routes and roles and delegate the bodies here;
 * the few spec exceptions (200 {@code null} for segments, {@code {"deleted": 0}} for consents) have their own
 * methods so each resource states which answer it gives.
 */
public final class ConfigEndpoints {

    /** Looks one document up in the request's scope. */
    @FunctionalInterface
    public interface Finder {
        Optional<ObjectNode> find(TenantScope scope, String id);
    }

    /** Deletes one document; whether it existed. */
    @FunctionalInterface
    public interface Remover {
        boolean delete(TenantScope scope, String id);
    }

    /** Every document of the scope, as listed. */
    @FunctionalInterface
    public interface Lister {
        List<ObjectNode> list(TenantScope scope);
    }

    private final Finder finder;
    private final Remover remover;
    private final Lister lister;
    private final ConfigTable<ObjectNode> table;

    private ConfigEndpoints(Finder finder, Remover remover, Lister lister, ConfigTable<ObjectNode> table) {
        this.finder = Objects.requireNonNull(finder, "finder");
        this.remover = Objects.requireNonNull(remover, "remover");
        this.lister = Objects.requireNonNull(lister, "lister");
        this.table = table;
    }

    /** Over a configuration table; path ids are normalised (trimmed, lower-cased) before they reach it. */
    public static ConfigEndpoints of(ConfigTable<ObjectNode> table) {
        return new ConfigEndpoints((scope, id) -> table.find(scope, Bodies.normalizeId(id)),
                (scope, id) -> table.delete(scope, Bodies.normalizeId(id)), table::list, table);
    }

    /** Over a service or DAO that normalises path ids itself; {@link #saved} is not available. */
    public static ConfigEndpoints of(Finder finder, Remover remover, Lister lister) {
        return new ConfigEndpoints(finder, remover, lister, null);
    }

    public Optional<ObjectNode> find(String id, ContainerRequestContext request) {
        return finder.find(RequestScope.of(request), id);
    }

    /** 200 with the document, or 404 {@code null}. */
    public Response get(String id, ContainerRequestContext request) {
        return ApiResponses.okOrNotFound(find(id, request));
    }

    /** 200 with the document, or 200 {@code null} when missing (the segment exception of §1.3). */
    public Response getOrOkNull(String id, ContainerRequestContext request) {
        return find(id, request).map(doc -> Response.ok(doc).build()).orElseGet(ApiResponses::okNull);
    }

    /** 200 {@code {"deleted": 1}}, or 404 {@code null} when missing. */
    public Response delete(String id, ContainerRequestContext request) {
        return remover.delete(RequestScope.of(request), id) ? Response.ok(DeletedResult.ONE).build()
                : ApiResponses.notFoundNull();
    }

    /** 200 {@code {"deleted": 1}}, or 200 {@code null} when missing (the segment exception of §1.3). */
    public Response deleteOrOkNull(String id, ContainerRequestContext request) {
        return remover.delete(RequestScope.of(request), id) ? Response.ok(DeletedResult.ONE).build()
                : ApiResponses.okNull();
    }

    /** {@code {"deleted": 1}}, or 200 {@code {"deleted": 0}} when missing (the consent exception of §1.3). */
    public DeletedResult deleteCounted(String id, ContainerRequestContext request) {
        return remover.delete(RequestScope.of(request), id) ? DeletedResult.ONE : DeletedResult.NONE;
    }

    /** Stores the already validated document and answers {@code {"saved": 1, ..., "ids": [id]}}. */
    public SavedResult saved(ObjectNode doc, String id, ContainerRequestContext request) {
        if (table == null) {
            throw new IllegalStateException("these endpoints are not backed by a configuration table");
        }
        table.upsert(RequestScope.of(request), doc);
        return SavedResult.of(id);
    }

    /** The documents filtered by name and paged. */
    public ListResult<ObjectNode> flat(ListQuery query, ContainerRequestContext request) {
        return query.flat(lister.list(RequestScope.of(request)), ConfigEndpoints::name);
    }

    /** The documents grouped by the string list in {@code field}, {@code fallback} when empty. */
    public GroupedResult<ObjectNode> grouped(ListQuery query, ContainerRequestContext request, String field,
                                             String fallback) {
        return grouped(query, request, doc -> Documents.strings(doc, field), fallback);
    }

    /** The documents grouped by {@code groups}, {@code fallback} when a document has none. */
    public GroupedResult<ObjectNode> grouped(ListQuery query, ContainerRequestContext request,
                                             Function<ObjectNode, List<String>> groups, String fallback) {
        return query.grouped(lister.list(RequestScope.of(request)), ConfigEndpoints::name, groups, fallback);
    }

    private static String name(ObjectNode doc) {
        return Bodies.text(doc, "name");
    }
}
