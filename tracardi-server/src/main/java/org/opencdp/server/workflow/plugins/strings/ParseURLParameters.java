package org.opencdp.server.workflow.plugins.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;

/**
 * Parse URL (workflows §8): emits {@code {url, scheme, hostname, path, query, params, fragment}} as Python's
 * {@code urlparse} gives them (absent parts are {@code ""}, an absent host null; repeated parameters keep the last).
 */
public final class ParseURLParameters extends BasePlugin {

    public ParseURLParameters() {
        super(V1 + "strings.url_parser.plugin", "ParseURLParameters", "Parse URL", "Parsers", List.of("payload"),
                List.of("payload"), "{\"url\": \"session@context.page.url\"}", "Splits a URL into its parts.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String url = Init.requiredText(initOrDefault(init), "url").trim();
        return (port, payload, context) -> {
            JsonNode value = context.dots().resolve(TextNode.valueOf(url));
            if (value == null || !value.isTextual()) {
                throw new IllegalArgumentException("The value at " + url + " is not a URL string.");
            }
            return PortResult.on("payload", parse(value.textValue()));
        };
    }

    static ObjectNode parse(String text) throws URISyntaxException {
        URI uri = new URI(text.trim());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("url", text);
        out.put("scheme", uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT));
        out.put("hostname", uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT));
        out.put("path", uri.getRawPath() == null ? "" : uri.getRawPath());
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        out.put("query", query);
        ObjectNode params = out.putObject("params");
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            // Like parse_qsl, parameters without a value are dropped.
            if (equals > 0 && equals < pair.length() - 1) {
                params.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        out.put("fragment", uri.getRawFragment() == null ? "" : uri.getRawFragment());
        return out;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
