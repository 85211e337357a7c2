package org.opencdp.server.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The translation of {@code where} filters (private-api §3.16) into Elasticsearch query JSON. */
class ElasticFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-04-15T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            type = "page-view"                  | {"term":{"type":"page-view"}}
            type == "page-view"                 | {"term":{"type":"page-view"}}
            stats.views == 3                    | {"term":{"stats.views":3}}
            stats.ratio == 1.5                  | {"term":{"stats.ratio":1.5}}
            active == TRUE                      | {"term":{"active":true}}
            type != "page-view"                 | {"bool":{"must_not":[{"term":{"type":"page-view"}}]}}
            type == ["a", "b"]                  | {"terms":{"type":["a","b"]}}
            type != ["a"]                       | {"bool":{"must_not":[{"terms":{"type":["a"]}}]}}
            type == ["a", NULL]                 | {"bool":{"should":[{"terms":{"type":["a"]}},{"bool":{"must_not":[{"exists":{"field":"type"}}]}}],"minimum_should_match":1}}
            type == []                          | {"match_none":{}}
            type == NULL                        | {"bool":{"must_not":[{"exists":{"field":"type"}}]}}
            type != NULL                        | {"bool":{"must_not":[{"bool":{"must_not":[{"exists":{"field":"type"}}]}}]}}
            stats.views > 3                     | {"range":{"stats.views":{"gt":3}}}
            stats.views >= 3                    | {"range":{"stats.views":{"gte":3}}}
            stats.views => 3                    | {"range":{"stats.views":{"gte":3}}}
            stats.views < 3                     | {"range":{"stats.views":{"lt":3}}}
            stats.views <= 3                    | {"range":{"stats.views":{"lte":3}}}
            stats.views =< 3                    | {"range":{"stats.views":{"lte":3}}}
            metadata.time.insert > "2024-01-01" | {"range":{"metadata.time.insert":{"gt":"2024-01-01"}}}
            stats.views BETWEEN 1 AND 5         | {"range":{"stats.views":{"gte":1,"lte":5}}}
            name BETWEEN "a" AND "m"            | {"range":{"name":{"gte":"a","lte":"m"}}}
            traits.email EXISTS                 | {"exists":{"field":"traits.email"}}
            traits.email NOT EXISTS             | {"bool":{"must_not":[{"exists":{"field":"traits.email"}}]}}
            traits.email IS NULL                | {"bool":{"must_not":[{"exists":{"field":"traits.email"}}]}}
            traits.email IS NOT NULL            | {"exists":{"field":"traits.email"}}
            traits.email EMPTY                  | {"bool":{"should":[{"bool":{"must_not":[{"exists":{"field":"traits.email"}}]}},{"match":{"traits.email":{"query":"","lenient":true}}}],"minimum_should_match":1}}
            traits.email NOT EMPTY              | {"bool":{"must_not":[{"bool":{"should":[{"bool":{"must_not":[{"exists":{"field":"traits.email"}}]}},{"match":{"traits.email":{"query":"","lenient":true}}}],"minimum_should_match":1}}]}}
            name CONTAINS "nn"                  | {"wildcard":{"name":{"value":"*nn*"}}}
            name CONTAINS "a*b?c\\\\d"          | {"wildcard":{"name":{"value":"*a\\\\*b\\\\?c\\\\\\\\d*"}}}
            tags CONTAINS 2                     | {"term":{"tags":2}}
            name STARTS WITH "An"               | {"prefix":{"name":{"value":"An"}}}
            name ENDS WITH "na"                 | {"wildcard":{"name":{"value":"*na"}}}
            properties["first name"] == "Anna"  | {"term":{"properties.first name":"Anna"}}
            a == 1 AND b == 2                   | {"bool":{"filter":[{"term":{"a":1}},{"term":{"b":2}}]}}
            a == 1 OR b == 2                    | {"bool":{"should":[{"term":{"a":1}},{"term":{"b":2}}],"minimum_should_match":1}}
            NOT a == 1                          | {"bool":{"must_not":[{"term":{"a":1}}]}}
            (a == 1 OR b == 2) AND NOT (c EXISTS) | {"bool":{"filter":[{"bool":{"should":[{"term":{"a":1}},{"term":{"b":2}}],"minimum_should_match":1}},{"bool":{"must_not":[{"exists":{"field":"c"}}]}}]}}
            time.insert > now.offset("-7d")     | {"range":{"time.insert":{"gt":"2024-04-08T12:00:00.000000+00:00"}}}
            time.insert <= datetime("2024-03-01 10:00:00") | {"range":{"time.insert":{"lte":"2024-03-01T10:00:00.000000+00:00"}}}
            time.insert BETWEEN datetime("2024-03-01") AND now() | {"range":{"time.insert":{"gte":"2024-03-01T00:00:00.000000+00:00","lte":"2024-04-15T12:00:00.000000+00:00"}}}
            name == lowercase("ANNA")           | {"term":{"name":"anna"}}
            """)
    void translatesEveryOperator(String where, String expected) throws Exception {
        // Re-read, so numbers compare as JSON text rather than by Jackson node class.
        assertThat(JSON.readTree(ElasticFilters.toJson(where, CLOCK).toString())).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void wholeNumbersTravelAsIntegers() {
        assertThat(ElasticFilters.toJson("stats.views == 100", CLOCK).toString()).isEqualTo("{\"term\":{\"stats.views\":100}}");
        assertThat(ElasticFilters.toJson("stats.views > 2.0", CLOCK).toString()).isEqualTo("{\"range\":{\"stats.views\":{\"gt\":2}}}");
        assertThat(ElasticFilters.toJson("stats.views < -1.50", CLOCK).toString()).isEqualTo("{\"range\":{\"stats.views\":{\"lt\":-1.50}}}");
    }

    @Test
    void anEmptyFilterMatchesEverything() {
        assertThat(ElasticFilters.toJson(null).toString()).isEqualTo("{\"match_all\":{}}");
        assertThat(ElasticFilters.toJson("  ").toString()).isEqualTo("{\"match_all\":{}}");
        assertThat(ElasticFilters.toQuery("").isMatchAll()).isTrue();
    }

    @Test
    void theTypedQueryCarriesTheSameTranslation() {
        Query query = ElasticFilters.toQuery("type == \"page-view\" AND stats.views BETWEEN 1 AND 5", CLOCK);

        assertThat(query.isBool()).isTrue();
        assertThat(query.bool().filter()).hasSize(2);
        assertThat(query.bool().filter().get(0).term().field()).isEqualTo("type");
        assertThat(query.bool().filter().get(0).term().value().stringValue()).isEqualTo("page-view");
        assertThat(query.bool().filter().get(1).isRange()).isTrue();
    }

    @Test
    void anUnparsableFilterThrowsTheParseException() {
        assertThatThrownBy(() -> ElasticFilters.toJson("type = ", CLOCK))
                .isInstanceOf(ConditionParseException.class)
                .hasMessage("Expected a value (a quoted string, a number, TRUE, FALSE, NULL, a [list], a field (e.g. traits.age) "
                        + "or a function call) after = but found end of condition at line 1, column 8");
        assertThatThrownBy(() -> ElasticFilters.toJson("a == 1 AND b == 2 OR c == 3", CLOCK))
                .isInstanceOf(ConditionParseException.class)
                .extracting(e -> ((ConditionException) e).offset()).isEqualTo(18);
        assertThatThrownBy(() -> ElasticFilters.toQuery("profile@type == 1"))
                .isInstanceOf(ConditionParseException.class);
    }

    /** Filters that parse but have no query equivalent: text, 0-based offset of the culprit, part of the message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            type == page-view                   | 8  | Two fields cannot be compared in a search filter (write text in double quotes); found page-view
            lowercase(name) == "anna"           | 0  | A function of a field (lowercase) cannot be used in a search filter; found lowercase(name)
            datetime(time) > now()              | 0  | A function of a field (datetime) cannot be used in a search filter
            time > datetime(other)              | 16 | A function of a field cannot be used in a search filter; found other
            lowercase(name) IS NULL             | 0  | A function of a field (lowercase) cannot be used
            views > 30s                         | 8  | A duration cannot be compared in a search filter; found 30s
            views > TRUE                        | 8  | A range in a search filter needs a number, a string or a datetime, not a boolean; found TRUE
            views > NULL                        | 8  | A range in a search filter needs a number, a string or a datetime, not null
            views BETWEEN 1 AND [2]             | 20 | Expected a value
            views > [1, 2]                      | 8  | A range in a search filter needs a number, a string or a datetime, not a list
            tags CONTAINS ["a"]                 | 14 | CONTAINS needs a string in a search filter
            tags STARTS WITH 1                  | 17 | STARTS WITH needs a string in a search filter; found 1
            time > datetime("not a date")       | 7  | In a search filter, datetime() got a string that is not a datetime; found datetime("not a date")
            """)
    void untranslatableFiltersNameTheCulprit(String where, int offset, String message) {
        assertThatThrownBy(() -> ElasticFilters.toJson(where, CLOCK))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConditionException) e).offset()).isEqualTo(offset));
    }

    @Test
    void workflowConditionsAreNotFilters() {
        assertThatThrownBy(() -> ElasticFilters.toJson(Conditions.parse("profile@a == 1"), CLOCK))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
