package org.opencdp.server.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.opencdp.server.api.InvalidBodyException;
import org.opencdp.server.api.envelope.ListResult;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.storage.elastic.IndexKind;

/**
 * Runs a report (private-api §3.13): replaces each {@code {{param}}} of the stored query with the JSON-escaped
 * parameter value and searches the tenant/context alias of the report's index only.
 */
public final class ReportRunner {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");
    private static final Map<String, IndexKind> INDICES = Map.of("profile", IndexKind.PROFILE,
            "session", IndexKind.SESSION, "event", IndexKind.EVENT);

    private final ElasticStore elastic;
    private final ObjectMapper json;

    public ReportRunner(ElasticStore elastic, ObjectMapper json) {
        this.elastic = elastic;
        this.json = json;
    }

    public ListResult<JsonNode> run(TenantScope scope, ObjectNode report, JsonNode params) {
        IndexKind kind = INDICES.get(report.path("index").asText(""));
        if (kind == null) {
            throw InvalidBodyException.of("index", "reports run on profile, session or event");
        }
        String query = fill(report.path("query").toString(), params);
        Request request = new Request("POST", "/" + elastic.names().alias(scope, kind) + "/_search");
        request.addParameter("ignore_unavailable", "true");
        request.setJsonEntity(query);
        try {
            JsonNode answer = json.readTree(EntityUtils.toString(elastic.lowLevel().performRequest(request).getEntity(),
                    StandardCharsets.UTF_8));
            List<JsonNode> hits = new ArrayList<>();
            answer.path("hits").path("hits").forEach(hit -> hits.add(hit.path("_source")));
            return new ListResult<>(answer.path("hits").path("total").path("value").asLong(hits.size()), hits);
        } catch (ResponseException e) {
            throw InvalidBodyException.of("query", "Elasticsearch refused the query (" + e.getResponse().getStatusLine()
                    .getStatusCode() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("Elasticsearch unavailable: " + e.getMessage(), e);
        }
    }

    /** The query text with each placeholder replaced; a string placeholder inside quotes keeps its quotes. */
    String fill(String query, JsonNode params) {
        Matcher matcher = PLACEHOLDER.matcher(query);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = params == null ? null : params.get(matcher.group(1));
            if (value == null) {
                throw InvalidBodyException.of("params", "missing parameter " + matcher.group(1));
            }
            String encoded = value.isTextual() ? escaped(value.asText()) : value.toString();
            matcher.appendReplacement(out, Matcher.quoteReplacement(encoded));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String escaped(String text) {
        try {
            String quoted = json.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
