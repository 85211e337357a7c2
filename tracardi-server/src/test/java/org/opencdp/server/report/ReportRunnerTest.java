package org.opencdp.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.opencdp.server.api.InvalidBodyException;

class ReportRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReportRunner runner = new ReportRunner(null, JSON);

    @Test
    void placeholdersAreReplacedWithJsonEscapedValues() throws Exception {
        String query = "{\"query\":{\"term\":{\"type\":\"{{type}}\",\"n\":\"{{ n }}\"}}}";
        String filled = runner.fill(query, JSON.readTree("{\"type\":\"a\\\"}, \\\"x\\\": {\",\"n\":5}"));
        assertThat(JSON.readTree(filled).path("query").path("term").path("type").asText()).isEqualTo("a\"}, \"x\": {");
        assertThat(JSON.readTree(filled).path("query").path("term").path("n").asText()).isEqualTo("5");
        assertThatThrownBy(() -> runner.fill(query, JSON.readTree("{}"))).isInstanceOf(InvalidBodyException.class);
    }
}
