package org.opencdp.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.role.Role;
import org.opencdp.server.role.RoleCommand;
import org.opencdp.server.testing.PrivateApiFixture;

/**
 * Enumerates every registered private-API route and proves the role matrix holds on each (private-api §2.4, §4):
 * anonymous calls answer 401 except on public routes, a role outside the allowed set answers 403, and neither a
 * collector nor a private role with {@code EXPOSE_GUI_API=no} serves any of them.
 */
class PrivateApiAccessIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The two read-only consent lists the collector serves too (D16). */
    private static final List<String> COLLECTOR_SERVES = List.of("/consents/type/enabled", "/consents/type/ids");
    private static PrivateApiFixture api;
    private static List<PrivateRoutes.Route> routes;
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        api = PrivateApiFixture.start("access");
        var jersey = api.environment().jersey().getResourceConfig();
        routes = PrivateRoutes.of(jersey.getInstances(), jersey.getClasses());
        for (String role : ApiRoles.ALL) {
            TOKENS.put(role, api.tokenFor(role));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void theEnumerationFindsThePrivateApi() {
        assertThat(routes).extracting(PrivateRoutes.Route::toString)
                .contains("POST /user/token", "GET /users", "GET /user-account", "GET /install", "GET /system/settings");
        assertThat(routes.size()).isGreaterThan(20);
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteWithItsRoles() throws Exception {
        HttpResponse<String> response = api.get("/openapi.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        var document = api.parse(response);
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("paths").path("/users").path("get").path("x-roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(document.path("paths").path("/user/{id}").has("delete")).isTrue();
        assertThat(document.path("paths").path("/user/token").path("post").has("security")).isFalse();
        long operations = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>) () -> document.path("paths").fields()) {
            operations += path.getValue().size();
        }
        // Every enumerated route but the document itself is there (one method and path may serve two media types).
        // The public consent lists belong to the collection endpoints, which the private API's document leaves out.
        assertThat(operations).isEqualTo(routes.stream().filter(route -> !route.path().equals("/openapi.json"))
                .filter(route -> !COLLECTOR_SERVES.contains(route.path()))
                .map(PrivateRoutes.Route::toString).distinct().count());
    }

    @Test
    void everyNonPublicRouteRejectsAnonymousCalls() throws Exception {
        List<String> open = new ArrayList<>();
        for (PrivateRoutes.Route route : routes) {
            if (route.isPublic()) {
                continue;
            }
            HttpResponse<String> response = call(api.url(route.path()), route.method(), null);
            if (response.statusCode() != 401) {
                open.add(route + " -> " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(open).isEmpty();
    }

    @Test
    void everyRoleRestrictedRouteRejectsARoleThatIsNotAllowed() throws Exception {
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (PrivateRoutes.Route route : routes) {
            Optional<String> outsider = ApiRoles.ALL.stream().filter(role -> !route.roles().contains(role)).findFirst();
            if (route.roles().isEmpty() || outsider.isEmpty()) {
                continue;
            }
            checked++;
            HttpResponse<String> response = call(api.url(route.path()), route.method(), TOKENS.get(outsider.get()));
            if (response.statusCode() != 403 || !response.body().equals("{\"detail\":\"Forbidden\"}")) {
                leaks.add(route + " as " + outsider.get() + " -> " + response.statusCode() + " " + response.body());
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void aCollectorAndAPrivateRoleWithoutTheGuiApiServeNoPrivateRoute() throws Exception {
        for (DropwizardAppExtension<TracardiConfiguration> other : List.of(
                role(Role.COLLECTOR, "../config/collector.yml"),
                role(Role.PRIVATE, "../config/private.yml", ConfigOverride.config("api.exposeGuiApi", "false")))) {
            other.before();
            // A fresh client per server: the next role may be given the port the last one just released,
            // and a pooled keep-alive connection to the stopped server would then read nothing.
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            try {
                List<String> served = new ArrayList<>();
                for (PrivateRoutes.Route route : routes) {
                    if (COLLECTOR_SERVES.contains(route.path())) {
                        HttpResponse<String> list = call(client, "http://127.0.0.1:" + other.getLocalPort() + route.path(), route.method(), null);
                        if (list.statusCode() != 200) {
                            served.add(route + " should be public on every collecting role -> " + list.statusCode());
                        }
                        continue;
                    }
                    HttpResponse<String> response = call(client, "http://127.0.0.1:" + other.getLocalPort() + route.path(), route.method(),
                            TOKENS.get(ApiRoles.ADMIN));
                    if (response.statusCode() != 404 && response.statusCode() != 405) {
                        served.add(route + " -> " + response.statusCode());
                    }
                }
                assertThat(served).isEmpty();
            } finally {
                other.after();
            }
        }
    }

    private static DropwizardAppExtension<TracardiConfiguration> role(Role role, String config, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(api.namespace().overrides(true)));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(TracardiApplication.class, config, (String) null,
                application -> new RoleCommand(application, role), overrides.toArray(ConfigOverride[]::new));
    }

    private static HttpResponse<String> call(String url, String method, String token) throws Exception {
        return call(HTTP, url, method, token);
    }

    private static HttpResponse<String> call(HttpClient client, String url, String method, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        boolean body = method.equals("POST") || method.equals("PUT");
        request.method(method, body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        HttpRequest built = request.build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // A pooled keep-alive connection the server closed just before it was reused reads nothing; a new one
            // answers. What this test checks is the status, not the transport, so one retry is no leniency.
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        }
    }
}
