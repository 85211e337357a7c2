package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugin.ResourceLookup;
import org.opencdp.server.workflow.plugins.connectors.RemoteCallAction;

/** Remote API call (workflows §8) against a JDK HTTP server on 127.0.0.1. */
class RemoteCallActionTest {

    private final FlowHarness harness = new FlowHarness();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private RemoteCallAction plugin;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body + " | "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " | " + exchange.getRequestHeaders().getFirst("X-Id")
                    + " | " + exchange.getRequestHeaders().getFirst("Cookie") + " | " + exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getPath();
            int status = path.startsWith("/fail") ? 503 : path.startsWith("/missing") ? 404 : 200;
            if (path.startsWith("/slow")) {
                try {
                    Thread.sleep(2500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = (path.startsWith("/text") ? "plain" : "{\"ok\": true}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Set-Cookie", "sid=abc; Path=/");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> credentials = Map.of("api", "{\"url\": \"" + url + "\", \"username\": \"u\", \"password\": \"p\"}");
        ResourceLookup resources = (scope, id, test) -> credentials.containsKey(id)
                ? Optional.of(FlowHarness.JSON.readTree(credentials.get(id))) : Optional.empty();
        plugin = new RemoteCallAction(resources);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String init(String method, String endpoint, String content, int timeout) {
        return "{\"method\": \"" + method + "\", \"source\": {\"id\": \"api\", \"name\": \"API\"}, \"endpoint\": \"" + endpoint + "\","
                + " \"timeout\": " + timeout + ", \"headers\": {\"X-Id\": \"profile@id\"}, \"cookies\": {\"c\": \"v\"}, \"ssl_check\": true,"
                + " \"body\": {\"type\": \"application/json\", \"content\": \"" + content.replace("\"", "\\\"") + "\"}}";
    }

    @Test
    void aPostSendsTheRenderedBodyAndEmitsTheResponse() throws Exception {
        harness.properties("{\"sku\": \"A-1\"}");
        FlowHarness.Run run = harness.run(plugin, init("post", "/items/{{event@properties.sku}}", "{\"sku\": \"event@properties.sku\"}", 5));
        assertThat(run.result().ok()).as(run.result().error()).isTrue();
        assertThat(requests).singleElement().asString()
                .isEqualTo("POST /items/A-1 {\"sku\":\"A-1\"} | application/json | profile-1 | c=v | Basic dTpw");
        JsonNode response = run.on("response");
        assertThat(response.path("status").asInt()).isEqualTo(200);
        assertThat(response.path("content").toString()).isEqualTo("{\"ok\":true}");
        assertThat(response.path("cookies").toString()).isEqualTo("{\"sid\":\"abc\"}");
    }

    @Test
    void aGetSendsTheBodyAsQueryParameters() throws Exception {
        FlowHarness.Run run = harness.run(plugin, init("get", "/text", "{\"a\": {\"b\": 1}, \"c\": \"x y\"}", 5));
        assertThat(requests).singleElement().asString().startsWith("GET /text?a.b=1&c=x+y  |");
        assertThat(run.on("response").path("content").asText()).isEqualTo("plain");
    }

    @Test
    void errorsGoToTheErrorPort() throws Exception {
        assertThat(harness.run(plugin, init("post", "/fail", "{}", 5)).on("error").path("status").asInt()).isEqualTo(503);
        assertThat(harness.run(plugin, init("post", "/missing", "{}", 5)).on("response").path("status").asInt()).isEqualTo(404);
        assertThat(harness.run(plugin, init("post", "/slow", "{}", 1)).on("error").path("message").asText()).contains("timed out");
        server.stop(0);
        assertThat(harness.run(plugin, init("post", "/", "{}", 5)).on("error").path("message").asText()).contains("Remote call failed");
    }

    @Test
    void badConfigurationsDoNotCompile() {
        assertThatThrownBy(() -> harness.compileOnly(plugin, init("fetch", "/", "{}", 5))).isInstanceOf(FlowCompileException.class)
                .hasMessageContaining("method");
        assertThatThrownBy(() -> harness.compileOnly(plugin, init("post", "/", "{oops", 5))).isInstanceOf(FlowCompileException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> harness.compileOnly(plugin, init("post", "/", "{}", 0))).isInstanceOf(FlowCompileException.class)
                .hasMessageContaining("timeout");
    }

    @Test
    void anUnknownResourceIsANodeError() throws Exception {
        FlowHarness.Run run = harness.run(plugin, init("post", "/", "{}", 5).replace("\"id\": \"api\"", "\"id\": \"nope\""));
        assertThat(run.result().error()).contains("no resource nope");
    }
}
