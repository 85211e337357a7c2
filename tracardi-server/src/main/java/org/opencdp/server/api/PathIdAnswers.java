package org.opencdp.server.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import org.opencdp.server.api.envelope.DeletedResult;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.storage.TenantScope;

/**
 * The answers of the endpoints addressed by the path id of a stored document (profiles, sessions, events): the id
 * is cleaned by {@link PathIds} first, and an unusable id gets the same answer as a missing document.
 */
public final class PathIdAnswers {

    private PathIdAnswers() {
    }

    /** 200 with what {@code lookup} finds, or 404 {@code null} when the id is unusable or nothing is found. */
    public static Response found(String rawId, ContainerRequestContext request,
                                 BiFunction<TenantScope, String, ? extends Optional<?>> lookup) {
        Optional<String> clean = PathIds.clean(rawId);
        if (clean.isEmpty()) {
            return ApiResponses.notFoundNull();
        }
        return ApiResponses.okOrNotFound(lookup.apply(RequestScope.of(request), clean.get()));
    }

    /** 200 {@code {"deleted": 1}}, or 404 {@code null} when the id is unusable or nothing was deleted. */
    public static Response deleted(String rawId, ContainerRequestContext request,
                                   BiPredicate<TenantScope, String> delete) {
        Optional<String> clean = PathIds.clean(rawId);
        if (clean.isEmpty() || !delete.test(RequestScope.of(request), clean.get())) {
            return ApiResponses.notFoundNull();
        }
        return Response.ok(DeletedResult.ONE).build();
    }

    /** 200 with the list {@code list} gives, or 200 with an empty list when the id is unusable. */
    public static Response listed(String rawId, ContainerRequestContext request,
                                  BiFunction<TenantScope, String, ?> list) {
        Optional<String> clean = PathIds.clean(rawId);
        if (clean.isEmpty()) {
            return Response.ok(ListResult.of(List.of())).build();
        }
        return Response.ok(list.apply(RequestScope.of(request), clean.get())).build();
    }
}
