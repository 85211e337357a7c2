package org.opencdp.server.condition;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.http.HttpHost;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * The {@code where} translation against the local stack's Elasticsearch: four documents in an index of this class,
 * mapped as our stores map events (strings as keywords, numbers as doubles, dates with our formats, a flattened
 * {@code properties}), and for each operator the documents the query returns, through the JSON tree and through
 * the typed client's {@code Query}. The last column says whether a workflow condition evaluated on the same
 * documents selects the same ones (it differs only where Elasticsearch cannot see a null: {@code EXISTS}).
 */
class ElasticFiltersIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("cond");
    private static final String INDEX = NAMESPACE.indexPrefix() + ".condition-filter";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-04-15T12:00:00Z"), ZoneOffset.UTC);
    private static final String DATE = "{\"type\": \"date\", \"format\": \"strict_date_optional_time||yyyy-MM-dd HH:mm:ss||epoch_millis\"}";
    private static final Map<String, String> DOCUMENTS = Map.of(
            "d1", """
                    {"type": "page-view", "name": "Anna", "stats": {"views": 3}, "tags": ["vip", "newsletter"], "active": true,
                     "metadata": {"time": {"insert": "2024-03-01T10:00:00.000000+00:00"}},
                     "traits": {"email": "anna@example.com", "nickname": ""}, "properties": {"first name": "Anna", "price": "49.5"}}""",
            "d2", """
                    {"type": "sign-in", "name": "Bob", "stats": {"views": 10}, "tags": ["newsletter"], "active": false,
                     "metadata": {"time": {"insert": "2024-04-10T08:00:00.000000+00:00"}},
                     "traits": {"email": null, "nickname": "bobby"}, "properties": {"first name": "Bob"}}""",
            "d3", """
                    {"type": "page-view", "name": "Cleo*", "stats": {"views": 0}, "tags": [],
                     "metadata": {"time": {"insert": "2023-12-31 23:00:00"}}, "traits": {}}""",
            "d4", """
                    {"type": "purchase", "name": "anna", "stats": {"views": 7.5}, "tags": ["vip"], "active": true,
                     "metadata": {"time": {"insert": "2024-04-15T11:00:00Z"}}, "traits": {"email": "x@y.z"}}""");

    private static final ch.qos.logback.classic.Logger ROOT_LOGGER =
            (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static ch.qos.logback.classic.Level rootLevel;
    private static RestClient rest;
    private static ElasticsearchClient client;

    @BeforeAll
    static void indexDocuments() throws IOException {
        // Without a logging configuration the HTTP client logs every byte at DEBUG.
        rootLevel = ROOT_LOGGER.getLevel();
        ROOT_LOGGER.setLevel(ch.qos.logback.classic.Level.WARN);
        rest = RestClient.builder(HttpHost.create(TestStack.get("ELASTIC_HOST"))).build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        Request create = new Request("PUT", "/" + INDEX);
        create.setJsonEntity("""
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"date_detection": false,
                   "dynamic_templates": [
                     {"strings_as_keyword": {"match_mapping_type": "string", "mapping": {"type": "keyword", "ignore_above": 2048}}},
                     {"numbers_as_double": {"match_mapping_type": ["long", "double"], "mapping": {"type": "double"}}}],
                   "properties": {"metadata": {"properties": {"time": {"properties": {"insert": %s}}}},
                                  "properties": {"type": "flattened", "ignore_above": 2048}}}}""".formatted(DATE));
        rest.performRequest(create);
        StringBuilder bulk = new StringBuilder();
        DOCUMENTS.forEach((id, source) -> bulk.append("{\"index\": {\"_id\": \"").append(id).append("\"}}\n")
                .append(source.replace('\n', ' ')).append('\n'));
        Request index = new Request("POST", "/" + INDEX + "/_bulk?refresh=true");
        index.setJsonEntity(bulk.toString());
        JsonNode answer = JSON.readTree(EntityUtils.toString(rest.performRequest(index).getEntity()));
        assertThat(answer.path("errors").asBoolean(true)).as(answer.toString()).isFalse();
    }

    @AfterAll
    static void dropIndex() throws IOException {
        try {
            if (rest != null) {
                rest.performRequest(new Request("DELETE", "/" + INDEX));
            }
        } finally {
            if (rest != null) {
                rest.close();
            }
            ROOT_LOGGER.setLevel(rootLevel);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                                                    | d1 d2 d3 d4 | same
            type = "page-view"                                    | d1 d3       | same
            type == "page-view"                                   | d1 d3       | same
            type != "page-view"                                   | d2 d4       | same
            type == ["sign-in", "purchase"]                       | d2 d4       | same
            type != ["sign-in", "purchase"]                       | d1 d3       | same
            name == lowercase("ANNA")                             | d4          | same
            stats.views == 7.5                                    | d4          | same
            stats.views > 3                                       | d2 d4       | same
            stats.views >= 3                                      | d1 d2 d4    | same
            stats.views => 3                                      | d1 d2 d4    | same
            stats.views < 3                                       | d3          | same
            stats.views <= 3                                      | d1 d3       | same
            stats.views =< 3                                      | d1 d3       | same
            stats.views BETWEEN 3 AND 7.5                         | d1 d4       | same
            metadata.time.insert > "2024-01-01"                   | d1 d2 d4    | same
            metadata.time.insert < "2024-01-01"                   | d3          | same
            metadata.time.insert > now.offset("-7d")              | d2 d4       | differs
            metadata.time.insert BETWEEN datetime("2024-03-01") AND datetime("2024-04-10 08:00:00") | d1 d2 | differs
            traits.email EXISTS                                   | d1 d4       | differs
            traits.email NOT EXISTS                               | d2 d3       | differs
            traits.email IS NULL                                  | d2 d3       | same
            traits.email IS NOT NULL                              | d1 d4       | same
            traits.nickname EMPTY                                 | d1 d3 d4    | same
            traits.nickname NOT EMPTY                             | d2          | same
            tags EMPTY                                            | d3          | same
            active == TRUE                                        | d1 d4       | same
            active == FALSE                                       | d2          | same
            active == NULL                                        | d3          | differs
            name CONTAINS "nn"                                    | d1 d4       | same
            name CONTAINS "*"                                     | d3          | same
            name STARTS WITH "An"                                 | d1          | same
            name ENDS WITH "na"                                   | d1 d4       | same
            tags CONTAINS "vip"                                   | d1 d4       | same
            tags == "vip"                                         | d1 d4       | differs
            properties["first name"] == "Anna"                    | d1          | same
            properties["first name"] STARTS WITH "B"              | d2          | same
            type == "page-view" AND stats.views > 0               | d1          | same
            type == "sign-in" OR stats.views == 0                 | d2 d3       | same
            NOT (type == "page-view")                             | d2 d4       | same
            (type == "page-view" OR type == "purchase") AND tags CONTAINS "vip" | d1 d4 | same
            """)
    void eachOperatorSelectsTheRightDocuments(String where, String expected, String inMemory) throws IOException {
        List<String> wanted = Arrays.asList(expected.trim().split("\\s+"));

        assertThat(searchJson(where)).as("JSON query of " + where).containsExactlyElementsOf(wanted);
        assertThat(searchTyped(where)).as("typed query of " + where).containsExactlyElementsOf(wanted);
        if (!where.isBlank()) {
            List<String> evaluated = evaluate(where);
            if (inMemory.equals("same")) {
                assertThat(evaluated).as("workflow evaluation of " + where).containsExactlyElementsOf(wanted);
            } else {
                assertThat(evaluated).as("workflow evaluation of " + where).isNotEqualTo(wanted);
            }
        }
    }

    private static List<String> searchJson(String where) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("query", ElasticFilters.toJson(where, CLOCK));
        body.put("size", 100);
        Request search = new Request("POST", "/" + INDEX + "/_search");
        search.setJsonEntity(body.toString());
        Response response = rest.performRequest(search);
        JsonNode hits = JSON.readTree(EntityUtils.toString(response.getEntity())).path("hits").path("hits");
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.path("_id").asText()));
        return new ArrayList<>(new TreeSet<>(ids));
    }

    private static List<String> searchTyped(String where) throws IOException {
        SearchResponse<Object> response = client.search(search -> search.index(INDEX)
                .query(ElasticFilters.toQuery(where, CLOCK)).size(100), Object.class);
        return new ArrayList<>(new TreeSet<>(response.hits().hits().stream().map(Hit::id).toList()));
    }

    /** The documents the same text selects as a workflow condition, evaluated in memory. */
    private static List<String> evaluate(String where) throws IOException {
        Condition condition = Conditions.parseFilter(where);
        TreeSet<String> ids = new TreeSet<>();
        for (Map.Entry<String, String> document : DOCUMENTS.entrySet()) {
            ConditionContext context = ConditionContext.builder().document(JSON.readTree(document.getValue())).clock(CLOCK).build();
            if (condition.matches(context)) {
                ids.add(document.getKey());
            }
        }
        return new ArrayList<>(ids);
    }
}
