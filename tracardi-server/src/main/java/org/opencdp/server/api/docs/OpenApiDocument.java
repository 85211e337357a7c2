package org.opencdp.server.api.docs;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.opencdp.server.api.PublicEndpoint;

/**
 * Builds an OpenAPI 3 description of the private API from its registered resources, so the document can
 * never drift from what is served. Each operation names the roles allowed to call it ({@code x-roles}).
 */
public final class OpenApiDocument {

    private OpenApiDocument() {
    }

    public static Map<String, Object> of(List<Object> components, String version) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (Object component : components) {
            Class<?> type = component.getClass();
            Path base = type.getAnnotation(Path.class);
            if (base == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = template(base.value() + "/" + (sub == null ? "" : sub.value()));
                paths.computeIfAbsent(path, p -> new TreeMap<>()).put(verb.toLowerCase(Locale.ROOT), operation(type, method, verb));
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", Map.of("title", "Tracardi-compatible private API", "version", version));
        document.put("components", Map.of("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        document.put("paths", paths);
        return document;
    }

    private static Map<String, Object> operation(Class<?> type, Method method, String verb) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", type.getSimpleName() + "." + method.getName());
        operation.put("tags", List.of(type.getSimpleName().replace("Resource", "")));
        List<Map<String, Object>> parameters = new ArrayList<>();
        boolean body = false;
        for (Parameter parameter : method.getParameters()) {
            PathParam pathParam = parameter.getAnnotation(PathParam.class);
            QueryParam queryParam = parameter.getAnnotation(QueryParam.class);
            if (pathParam != null) {
                parameters.add(Map.of("name", pathParam.value(), "in", "path", "required", true, "schema", Map.of("type", "string")));
            } else if (queryParam != null) {
                parameters.add(Map.of("name", queryParam.value(), "in", "query", "required", false, "schema", Map.of("type", "string")));
            } else if (parameter.getAnnotations().length == 0 && !verb.equals("GET")) {
                body = true;
            } else if (parameter.isAnnotationPresent(Context.class)) {
                continue;
            }
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (body) {
            operation.put("requestBody", Map.of("content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        }
        boolean isPublic = method.isAnnotationPresent(PublicEndpoint.class) || type.isAnnotationPresent(PublicEndpoint.class);
        RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class) ? method.getAnnotation(RolesAllowed.class)
                : type.getAnnotation(RolesAllowed.class);
        if (!isPublic) {
            operation.put("security", List.of(Map.of("bearer", List.of())));
            boolean anyUser = roles == null && (method.isAnnotationPresent(PermitAll.class) || type.isAnnotationPresent(PermitAll.class));
            operation.put("x-roles", anyUser ? List.of("any") : roles == null ? List.of() : List.of(roles.value()));
        }
        operation.put("responses", Map.of("200", Map.of("description", "OK")));
        return operation;
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

    /** Normalises slashes and drops regular expressions from templates: {@code {id: .+}} becomes {@code {id}}. */
    static String template(String raw) {
        String path = ("/" + raw).replaceAll("/+", "/").replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
