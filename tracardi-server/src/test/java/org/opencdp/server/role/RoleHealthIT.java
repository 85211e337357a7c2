package org.opencdp.server.role;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * Every role started with {@link DropwizardAppExtension} on the real stack: each reports a health check
 * per backend it uses, exposes only its own parts, and its checks go red when that backend is stopped
 * and green again when it returns.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleHealthIT {

    /** The admin health checks each role must report (plus Dropwizard's own deadlock check). */
    private static final Map<Role, Set<String>> CHECKS = new LinkedHashMap<>();

    static {
        Set<String> all = Set.of("elastic", "mysql", "redis", "queue", "installed");
        CHECKS.put(Role.ALL_IN_ONE, all);
        CHECKS.put(Role.COLLECTOR, all);
        CHECKS.put(Role.PRIVATE, all);
        CHECKS.put(Role.WORKER, all);
        CHECKS.put(Role.APM, Set.of("elastic", "mysql", "redis", "installed"));
        CHECKS.put(Role.TMS, Set.of("mysql"));
    }

    /** Which check watches which stack service. */
    private static final Map<String, String> SERVICE_OF_CHECK = Map.of(
            "redis", "redis", "mysql", "mariadb", "elastic", "elastic", "queue", "pulsar");
    private static final Map<String, String> BACKEND_NAME = Map.of(
            "redis", "Redis", "mysql", "MySQL", "elastic", "Elasticsearch", "queue", "Pulsar");

    private static final Namespace NAMESPACE = TestStack.newNamespace("roles");
    private static final Map<Role, DropwizardAppExtension<TracardiConfiguration>> APPS = new LinkedHashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startEveryRole() throws Exception {
        // all-in-one first: it migrates the namespace, so the others find it installed.
        for (Role role : CHECKS.keySet()) {
            DropwizardAppExtension<TracardiConfiguration> app = new DropwizardAppExtension<>(TracardiApplication.class,
                    "../config/" + role.label() + ".yml", (String) null, application -> new RoleCommand(application, role),
                    NAMESPACE.overrides(true));
            app.before();
            APPS.put(role, app);
        }
    }

    @AfterAll
    static void stopEveryRole() {
        APPS.values().forEach(DropwizardAppExtension::after);
    }

    @Test
    @Order(1)
    void everyRoleReportsAHealthyCheckPerBackendItUses() throws Exception {
        for (Map.Entry<Role, Set<String>> expected : CHECKS.entrySet()) {
            JsonNode health = health(expected.getKey());
            Set<String> names = new java.util.TreeSet<>();
            health.fieldNames().forEachRemaining(names::add);
            names.remove("deadlocks");
            assertThat(names).as(expected.getKey().label()).isEqualTo(new java.util.TreeSet<>(expected.getValue()));
            health.fields().forEachRemaining(check -> assertThat(check.getValue().path("healthy").asBoolean())
                    .as(expected.getKey() + " " + check.getKey() + ": " + check.getValue()).isTrue());
        }
    }

    @Test
    @Order(2)
    void backgroundRolesServeOnlyTheAdminPort() {
        for (Role role : List.of(Role.WORKER, Role.APM)) {
            Connector[] connectors = APPS.get(role).getEnvironment().getApplicationContext().getServer().getConnectors();
            assertThat(connectors).as(role.label()).hasSize(1);
            assertThat(((org.eclipse.jetty.server.NetworkConnector) connectors[0]).getLocalPort())
                    .isEqualTo(APPS.get(role).getAdminPort());
        }
    }

    @Test
    @Order(3)
    void theCollectorEchoesHealthchecksAndServesNoAdminEndpoint() throws Exception {
        int port = APPS.get(Role.COLLECTOR).getLocalPort();
        HttpResponse<String> echo = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthcheck"))
                .header("Authorization", "Bearer secret-token").header("X-Probe", "1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(echo.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(echo.body());
        assertThat(body.path("headers").path("authorization").asText()).isEqualTo("***");
        assertThat(body.path("headers").path("x-probe").asText()).isEqualTo("1");
        assertThat(body.path("json").path("a").asInt()).isEqualTo(1);
        assertThat(body.path("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(echo.body()).doesNotContain("secret-token");
        for (String adminPath : List.of("/metrics", "/tasks/gc", "/ping", "/threads", "/install", "/user/token")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + adminPath))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(adminPath).isEqualTo(404);
        }
    }

    @Test
    @Order(4)
    void healthGoesRedWhenABackendStopsAndGreenWhenItReturns() throws Exception {
        for (String check : List.of("redis", "mysql", "queue", "elastic")) {
            String service = SERVICE_OF_CHECK.get(check);
            TestStack.stack("stop", service);
            try {
                for (Role role : rolesWatching(check)) {
                    JsonNode result = awaitCheck(role, check, false, Duration.ofSeconds(30));
                    assertThat(result.path("message").asText()).as(role + " " + check)
                            .contains(BACKEND_NAME.get(check)).contains("127.0.0.1");
                }
            } finally {
                TestStack.stack("start", service);
            }
            for (Role role : rolesWatching(check)) {
                awaitCheck(role, check, true, Duration.ofSeconds(90));
            }
        }
        everyRoleReportsAHealthyCheckPerBackendItUses();
    }

    private static List<Role> rolesWatching(String check) {
        return CHECKS.entrySet().stream().filter(entry -> entry.getValue().contains(check)).map(Map.Entry::getKey).toList();
    }

    private static JsonNode awaitCheck(Role role, String check, boolean healthy, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode result;
        do {
            result = health(role).path(check);
            if (result.path("healthy").asBoolean() == healthy) {
                return result;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(role + " check " + check + " did not become " + (healthy ? "healthy" : "unhealthy")
                + " within " + timeout + ": " + result);
    }

    private static JsonNode health(Role role) throws Exception {
        int adminPort = APPS.get(role).getAdminPort();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/healthcheck")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
