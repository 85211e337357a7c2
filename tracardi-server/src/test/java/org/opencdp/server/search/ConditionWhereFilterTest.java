package org.opencdp.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class ConditionWhereFilterTest {

    private final ConditionWhereFilter filter = new ConditionWhereFilter(Clock.systemUTC());

    @Test
    void noFilterMatchesEverything() throws Exception {
        for (String empty : new String[]{null, "", "  ", "undefined"}) {
            assertThat(filter.toQuery(empty).toString()).as(String.valueOf(empty)).isEqualTo("{\"match_all\":{}}");
        }
    }

    @Test
    void aConditionBecomesAQuery() throws Exception {
        assertThat(filter.toQuery("type=\"page-view\" AND metadata.status != \"processed\"").toString())
                .contains("\"term\"").contains("page-view").contains("must_not");
    }

    @Test
    void unparsableAndOverlongFiltersAreInvalid() {
        for (String bad : new String[]{"type >", "a = = 1", "(type = \"x\"", "x".repeat(10_001)}) {
            assertThatThrownBy(() -> filter.toQuery(bad)).isInstanceOf(WhereFilter.InvalidFilter.class);
        }
    }
}
