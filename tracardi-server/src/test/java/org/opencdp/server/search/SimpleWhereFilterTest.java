package org.opencdp.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimpleWhereFilterTest {

    private final SimpleWhereFilter filter = new SimpleWhereFilter();

    @Test
    void anEmptyFilterMatchesEverything() throws Exception {
        assertThat(filter.toQuery("").toString()).isEqualTo("{\"match_all\":{}}");
        assertThat(filter.toQuery(null).toString()).isEqualTo("{\"match_all\":{}}");
        assertThat(filter.toQuery("  ").toString()).isEqualTo("{\"match_all\":{}}");
    }

    @Test
    void comparisonsJoinedByAndBecomeTermFilters() throws Exception {
        assertThat(filter.toQuery("type=\"page-view\"").toString())
                .isEqualTo("{\"bool\":{\"filter\":[{\"term\":{\"type\":\"page-view\"}}]}}");
        assertThat(filter.toQuery("type == 'a b' and metadata.status != processed AND stats.views=3 AND active=true").toString())
                .isEqualTo("{\"bool\":{\"filter\":[{\"term\":{\"type\":\"a b\"}},{\"term\":{\"stats.views\":3}},"
                        + "{\"term\":{\"active\":true}}],\"must_not\":[{\"term\":{\"metadata.status\":\"processed\"}}]}}");
        assertThat(filter.toQuery("hit.name=\"say \\\"hi\\\" AND bye\"").toString())
                .isEqualTo("{\"bool\":{\"filter\":[{\"term\":{\"hit.name\":\"say \\\"hi\\\" AND bye\"}}]}}");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[]{"type", "type=", "=x", "type=\"open", "a=1 OR b=2", "a=1 AND", "a > 3", "a=(x)"}) {
            assertThatThrownBy(() -> filter.toQuery(bad)).as(bad).isInstanceOf(WhereFilter.InvalidFilter.class);
        }
    }
}
