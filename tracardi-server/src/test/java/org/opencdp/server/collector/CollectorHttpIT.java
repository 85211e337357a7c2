package org.opencdp.server.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.role.Role;
import org.opencdp.server.role.RoleCommand;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/** The collector role's HTTP conventions: CORS, the tracker script, JSON errors, no redirects. */
class CollectorHttpIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("http");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path trackerDir;
    private static DropwizardAppExtension<TracardiConfiguration> app;

    @BeforeAll
    static void start() throws Exception {
        NAMESPACE.createDatabase();
        trackerDir = Files.createTempDirectory("tracker");
        Files.writeString(trackerDir.resolve("liliput.min.js"), "window.tracardi={};");
        Files.writeString(trackerDir.resolve("index.html"), "<html></html>");
        List<ConfigOverride> overrides = new ArrayList<>(List.of(NAMESPACE.overrides(true)));
        overrides.add(ConfigOverride.config("collector.tracker.directory", trackerDir.toString()));
        app = new DropwizardAppExtension<>(TracardiApplication.class, "../config/collector.yml", (String) null,
                application -> new RoleCommand(application, Role.COLLECTOR), overrides.toArray(ConfigOverride[]::new));
        app.before();
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path));
    }

    @Test
    void preflightsEchoTheOriginAndTheRequestedHeaders() throws Exception {
        HttpResponse<String> response = send(request("/track").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-timestamp"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type,x-timestamp");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(response.headers().allValues("Vary")).anyMatch(value -> value.contains("Origin"));
    }

    @Test
    void theTrackerScriptIsServedCachedAndRevalidated() throws Exception {
        HttpResponse<String> script = send(request("/tracker/liliput.min.js").header("Origin", "https://shop.example"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).isEqualTo("window.tracardi={};");
        assertThat(script.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo("application/javascript;charset=utf-8");
        assertThat(script.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("max-age=3600"));
        assertThat(script.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        String etag = script.headers().firstValue("ETag").orElseThrow();
        assertThat(send(request("/tracker/liliput.min.js").header("If-None-Match", etag)).statusCode()).isEqualTo(304);
        assertThat(send(request("/tracker/")).body()).isEqualTo("<html></html>");
    }

    @Test
    void missingFilesAndTraversalAnswerAJson404() throws Exception {
        for (String path : List.of("/tracker/missing.js", "/tracker/..pom.xml", "/no/such/route")) {
            HttpResponse<String> response = send(request(path).header("Origin", "https://shop.example"));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).path("detail").asText()).as(path).isEqualTo("Not Found");
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        }
        // Jetty refuses encoded separators before any application code runs; nothing is served either way.
        for (String path : List.of("/tracker/..%2Fpom.xml", "/tracker/%2E%2E%2F%2E%2E%2Fpom.xml")) {
            HttpResponse<String> response = send(request(path));
            assertThat(response.statusCode()).as(path).isBetween(400, 404);
            assertThat(response.body()).as(path).doesNotContain("<project");
        }
        HttpResponse<String> missing = send(request("/tracker/missing.js").header("Origin", "https://a.example"));
        assertThat(missing.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://a.example");
    }

    @Test
    void trailingSlashesMatchWithoutARedirect() throws Exception {
        HttpResponse<String> response = send(request("/healthcheck/"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).has("headers")).isTrue();
    }

    @Test
    void everyAnswerCarriesTheProcessTimeAndEchoesTheContext() throws Exception {
        HttpResponse<String> response = send(request("/healthcheck").header("X-Context", "production"));
        assertThat(response.headers().firstValue("X-Process-Time")).hasValueSatisfying(v -> assertThat(Double.parseDouble(v)).isBetween(0.0, 5.0));
        assertThat(response.headers().firstValue("X-Context")).hasValue("production");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-Process-Time, X-Context, Retry-After");
    }
}
