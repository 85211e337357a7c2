package org.opencdp.server.workflow.plugins.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencdp.server.workflow.plugin.NodeContext;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugin.ResourceLookup;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.template.ObjectTemplate;
import org.opencdp.server.workflow.template.StringTemplate;

/**
 * Remote API call (workflows §8): calls the resource URL followed by the rendered endpoint and emits
 * {@code {"status", "content", "cookies"}} on {@code response}; a 5xx answer, a timeout or a network error goes
 * to {@code error}. JSON bodies are object templates (query parameters for GET); other bodies string templates.
 */
public final class RemoteCallAction extends BasePlugin {

    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");
    private final ResourceLookup resources;

    public RemoteCallAction(ResourceLookup resources) {
        super(V1 + "connectors.api_call.plugin", "RemoteCallAction", "Remote API call", "Connectors", List.of("payload"),
                List.of("response", "error"),
                "{\"method\": \"post\", \"source\": {\"id\": \"\", \"name\": \"\"}, \"endpoint\": \"\", \"timeout\": 30,"
                        + " \"headers\": {}, \"cookies\": {}, \"ssl_check\": true,"
                        + " \"body\": {\"type\": \"application/json\", \"content\": \"{}\"}}",
                "Sends a request to a remote API.");
        this.resources = resources;
    }

    private record Config(String method, String resourceId, String endpoint, Duration timeout, JsonNode headers,
                          JsonNode cookies, boolean sslCheck, String contentType, JsonNode jsonBody, String textBody) {
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        JsonNode config = initOrDefault(init);
        String method = Init.text(config, "method", "post").trim().toLowerCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new PluginConfigException("method must be one of " + METHODS + ", not '" + method + "'");
        }
        String resourceId = Init.requiredText(config.path("source"), "id");
        long timeout = Init.integer(config, "timeout", 30);
        if (timeout <= 0) {
            throw new PluginConfigException("timeout must be a positive number of seconds");
        }
        JsonNode body = config.path("body");
        String contentType = Init.text(body, "type", "application/json");
        boolean json = contentType.equalsIgnoreCase("application/json");
        JsonNode jsonBody = json ? Init.json(body, "content", "{}") : null;
        Config parsed = new Config(method, resourceId, Init.text(config, "endpoint", ""), Duration.ofSeconds(timeout),
                keyValues(config, "headers"), keyValues(config, "cookies"), Init.bool(config, "ssl_check", true),
                contentType, jsonBody, json ? null : Init.text(body, "content", ""));
        return (port, payload, context) -> call(parsed, context);
    }

    private List<PortResult> call(Config config, NodeContext context) throws Exception {
        // Test credentials for debug runs and the staging context (workflows §4).
        boolean test = context.debug() || (context.scope() != null && !context.scope().production());
        JsonNode credentials = resources.credentials(context.scope(), config.resourceId(), test).orElseThrow(() ->
                new IllegalArgumentException("There is no resource " + config.resourceId() + "."));
        String url = RemoteCallRequest.url(credentials, StringTemplate.render(config.endpoint(), context.dots(), context.console()));
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (config.jsonBody() != null) {
            JsonNode body = ObjectTemplate.render(config.jsonBody(), context.dots(), false);
            if (config.method().equals("get")) {
                String query = RemoteCallRequest.query(body);
                url += query.isEmpty() ? "" : (url.contains("?") ? "&" : "?") + query;
            } else {
                publisher = HttpRequest.BodyPublishers.ofString(body.toString());
            }
        } else if (!config.method().equals("get")) {
            publisher = HttpRequest.BodyPublishers.ofString(StringTemplate.render(config.textBody(), context.dots(), context.console()));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                .method(config.method().toUpperCase(Locale.ROOT), publisher)
                .header("Content-Type", config.contentType());
        JsonNode headers = ObjectTemplate.render(config.headers(), context.dots(), false);
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            request.header(header.getKey(), RemoteCallRequest.text(header.getValue(), "Header", header.getKey()));
        }
        String cookies = RemoteCallRequest.cookieHeader(ObjectTemplate.render(config.cookies(), context.dots(), false));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        String auth = RemoteCallRequest.basicAuth(credentials);
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response;
        try {
            response = HttpClients.get(config.sslCheck()).send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String reason = e instanceof java.net.http.HttpTimeoutException ? "Remote call timed out." : "Remote call failed: " + e;
            return PortResult.on("error", Init.errorMessage(reason));
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("status", response.statusCode());
        result.set("content", content(response.body()));
        ObjectNode received = result.putObject("cookies");
        for (String cookie : response.headers().allValues("set-cookie")) {
            String pair = cookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                received.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return PortResult.on(response.statusCode() >= 500 ? "error" : "response", result);
    }

    private static JsonNode content(String body) {
        try {
            JsonNode parsed = JSON.readTree(body);
            return parsed == null || parsed.isMissingNode() ? JsonNodeFactory.instance.textNode(body) : parsed;
        } catch (IOException notJson) {
            return JsonNodeFactory.instance.textNode(body);
        }
    }

    private static JsonNode keyValues(JsonNode config, String field) throws PluginConfigException {
        JsonNode value = config.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw new PluginConfigException(field + " must be an object of names and values");
        }
        return value;
    }
}
