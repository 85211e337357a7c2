package org.opencdp.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.envelope.ListResult;

/** The in-memory part of the configuration-index search: the where filter, the projection and the window. */
class ConfigSearchServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    private static List<ConfigRows.Row> rows(String... documents) throws Exception {
        List<ConfigRows.Row> rows = new ArrayList<>();
        for (String document : documents) {
            rows.add(new ConfigRows.Row((ObjectNode) JSON.readTree(document), CLOCK.instant()));
        }
        return rows;
    }

    @Test
    void theWhereFilterReadsPlainPathsOfTheEntity() throws Exception {
        Predicate<JsonNode> smtp = DocumentFilter.compile("type == \"smtp-server\" AND enabled == true", CLOCK);
        assertThat(smtp.test(JSON.readTree("{\"type\": \"smtp-server\", \"enabled\": true}"))).isTrue();
        assertThat(smtp.test(JSON.readTree("{\"type\": \"smtp-server\", \"enabled\": false}"))).isFalse();
        assertThat(DocumentFilter.compile("tags CONTAINS \"mail\"", CLOCK).test(JSON.readTree("{\"tags\": [\"mail\"]}")))
                .isTrue();
        assertThat(DocumentFilter.compile("", CLOCK).test(JSON.readTree("{}"))).isTrue();
        assertThat(DocumentFilter.compile("undefined", CLOCK).test(JSON.readTree("{}"))).isTrue();
        assertThatThrownBy(() -> DocumentFilter.compile("type ==", CLOCK)).isInstanceOf(WhereFilter.InvalidFilter.class);
        assertThatThrownBy(() -> DocumentFilter.compile("a == \"" + "x".repeat(10_001) + "\"", CLOCK))
                .isInstanceOf(WhereFilter.InvalidFilter.class).hasMessageContaining("longer");
    }

    @Test
    void theWindowCountsEveryMatchAndKeepsTheRequestedSlice() throws Exception {
        List<ConfigRows.Row> rows = rows("{\"id\": \"a\", \"n\": 1}", "{\"id\": \"b\", \"n\": 2}", "{\"id\": \"c\", \"n\": 3}",
                "{\"id\": \"d\", \"n\": 4}");
        Predicate<JsonNode> aboveOne = DocumentFilter.compile("n > 1", CLOCK);
        ListResult<ObjectNode> slice = ConfigSearchService.window(rows, ConfigIndex.SEGMENT, aboveOne, 1, 1);
        assertThat(slice.total()).isEqualTo(3);
        assertThat(slice.result()).extracting(node -> node.path("id").asText()).containsExactly("c");
        assertThat(ConfigSearchService.window(rows, ConfigIndex.SEGMENT, aboveOne, 5, 10).result()).isEmpty();
        assertThat(ConfigSearchService.window(rows, ConfigIndex.SEGMENT, aboveOne, 0, 0).total()).isEqualTo(3);
    }

    @Test
    void resourcesLoseTheirCredentialsAndFlowsTheirGraphsBeforeTheFilterSeesThem() throws Exception {
        List<ConfigRows.Row> resources = rows("{\"id\": \"r\", \"credentials\": {\"production\": \"sealed\"}}");
        assertThat(ConfigSearchService.window(resources, ConfigIndex.RESOURCE, DocumentFilter.compile("credentials EXISTS", CLOCK),
                0, 10).total()).isZero();
        ObjectNode resource = ConfigSearchService.window(resources, ConfigIndex.RESOURCE, document -> true, 0, 10).result().get(0);
        assertThat(resource.has("credentials")).isFalse();
        assertThat(resources.get(0).data().has("credentials")).as("the stored row is not changed").isTrue();

        ObjectNode flow = ConfigSearchService.window(rows("{\"id\": \"f\", \"name\": \"F\", \"draft\": {}, \"production\": {},"
                + " \"backup\": null}"), ConfigIndex.FLOW, document -> true, 0, 10).result().get(0);
        assertThat(flow.toString()).isEqualTo("{\"id\":\"f\",\"name\":\"F\"}");
    }

    @Test
    void onlyTheFourConfigurationIndicesAreKnown() {
        assertThat(ConfigIndex.of(" Rule ")).contains(ConfigIndex.RULE);
        assertThat(ConfigIndex.of("resource").orElseThrow().table()).isEqualTo("resource");
        assertThat(ConfigIndex.of("rule").orElseThrow().table()).isEqualTo("workflow_trigger");
        assertThat(ConfigIndex.of("flow").orElseThrow().table()).isEqualTo("workflow");
        assertThat(ConfigIndex.of("segment").orElseThrow().table()).isEqualTo("segment");
        assertThat(ConfigIndex.of("event")).isEmpty();
        assertThat(ConfigIndex.of(null)).isEmpty();
    }

    @Test
    void theHistogramCountsPerFixedBucketAndGroup() throws Exception {
        Instant at = Instant.parse("2026-12-01T10:07:30Z");
        List<ConfigRows.Row> rows = List.of(
                new ConfigRows.Row((ObjectNode) JSON.readTree("{\"type\": \"api\", \"tags\": [\"x\", \"y\"]}"), at),
                new ConfigRows.Row((ObjectNode) JSON.readTree("{\"type\": \"api\"}"), at.plusSeconds(10)),
                new ConfigRows.Row((ObjectNode) JSON.readTree("{\"type\": \"mail\"}"), at.plusSeconds(120)));
        ObjectNode plain = ConfigHistogram.count(rows, ConfigIndex.RESOURCE, document -> true, Instant.parse("2026-12-01T10:05:10Z"),
                Instant.parse("2026-12-01T10:10:00Z"), "1m", null);
        assertThat(plain.path("total").asInt()).isEqualTo(3);
        assertThat(plain.path("result")).hasSize(6);
        assertThat(plain.path("result").get(0).path("time").asText()).isEqualTo("2026-12-01T10:05:00.000000+00:00");
        assertThat(plain.path("result").get(2).path("count").asInt()).isEqualTo(2);
        assertThat(plain.path("result").get(4).path("count").asInt()).isEqualTo(1);
        ObjectNode grouped = ConfigHistogram.count(rows, ConfigIndex.RESOURCE, document -> true, at, at.plusSeconds(300), "1m", "type");
        assertThat(grouped.path("result").toString()).isEqualTo("[{\"time\":\"2026-12-01T10:07:00.000000+00:00\",\"count\":2,"
                + "\"group\":\"api\"},{\"time\":\"2026-12-01T10:09:00.000000+00:00\",\"count\":1,\"group\":\"mail\"}]");
        assertThat(ConfigHistogram.values(rows.get(0).data(), "tags")).containsExactly("x", "y");
        assertThat(ConfigHistogram.values(rows.get(0).data(), "missing.path")).isEmpty();
    }
}
