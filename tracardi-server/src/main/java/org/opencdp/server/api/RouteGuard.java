package org.opencdp.server.api;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Secure by default: refuses a private-API resource with an endpoint that says nothing about who may call
 * it. Forgetting an annotation would otherwise make the endpoint public.
 */
public final class RouteGuard {

    private RouteGuard() {
    }

    /** Throws naming every unguarded method of the given resources. */
    public static void verify(List<?> resources) {
        List<String> unguarded = new ArrayList<>();
        for (Object resource : resources) {
            Class<?> type = resource instanceof Class<?> c ? c : resource.getClass();
            for (Method method : type.getMethods()) {
                if (isEndpoint(method) && !guarded(method) && !guarded(type)) {
                    unguarded.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        if (!unguarded.isEmpty()) {
            throw new IllegalStateException("private API methods without @RolesAllowed, @PermitAll or @PublicEndpoint: "
                    + unguarded);
        }
    }

    private static boolean isEndpoint(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean guarded(java.lang.reflect.AnnotatedElement element) {
        return element.isAnnotationPresent(RolesAllowed.class) || element.isAnnotationPresent(PermitAll.class)
                || element.isAnnotationPresent(PublicEndpoint.class) || element.isAnnotationPresent(DenyAll.class);
    }
}
