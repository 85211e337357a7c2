package org.opencdp.server.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every private-API route of a running server, found by reflection on its registered resources. */
public final class PrivateRoutes {

    /** One endpoint: its method, a callable path (templates filled with {@code x}) and who may call it. */
    public record Route(String method, String path, Set<String> roles, boolean permitAll, boolean isPublic) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private PrivateRoutes() {
    }

    public static List<Route> of(Collection<Object> instances, Collection<Class<?>> classes) {
        Set<Class<?>> types = new LinkedHashSet<>(classes);
        instances.forEach(instance -> types.add(instance.getClass()));
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : types) {
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                        : type.getAnnotation(RolesAllowed.class);
                boolean permitAll = method.isAnnotationPresent(PermitAll.class)
                        || (roles == null && type.isAnnotationPresent(PermitAll.class));
                boolean isPublic = method.isAnnotationPresent(PublicEndpoint.class) || type.isAnnotationPresent(PublicEndpoint.class);
                if (roles == null && !permitAll && !isPublic) {
                    continue; // a collection endpoint, not part of the private API
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                routes.add(new Route(verb, fill(path), roles == null ? Set.of() : Set.of(roles.value()), permitAll, isPublic));
            }
        }
        return routes;
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Replaces every {@code {param}} or {@code {param: regex}} with a literal value. */
    private static String fill(String path) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '{') {
                if (depth++ == 0) {
                    out.append("x");
                }
            } else if (c == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
