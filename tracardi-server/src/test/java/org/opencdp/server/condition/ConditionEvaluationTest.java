package org.opencdp.server.condition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every operator of workflows §9.2 over a table of data, with D31's promises: no exception, a false test and a
 * warning on values of the wrong kind, a missing path that IS NULL, two references compared with each other.
 * The last column says whether the evaluation must warn.
 */
class ConditionEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2024-04-15T12:00:00Z");

    static ConditionContext context() {
        try {
            return ConditionContext.builder()
                    .profile(JSON.readTree("""
                            {"n": 12, "d": 12.0, "neg": -3, "other": 12, "s": "Hello", "empty": "", "upper": "ABC",
                             "t": true, "f": false, "nul": null, "list": ["a", "b", "c"], "nums": [1, 2, 3], "emptyList": [],
                             "obj": {"k": 1}, "emptyObj": {}, "items": [{"x": 1}, {"x": 2}],
                             "date": "2024-03-01T10:00:00+00:00", "naive": "2024-03-01 10:00:00",
                             "warsaw": "2024-03-01T11:00:00+01:00", "ts": 1709287200, "tsText": "1709287200",
                             "traits": {"key with.dot": 5}}"""))
                    .event(Map.of("type", "page-view", "properties", Map.of("first name", "Anna")))
                    .payload(JSON.readTree("{\"items\": [\"first\", \"second\"]}"))
                    .flow(Map.of("name", "Flow"))
                    .memory(Map.of("counter", 3))
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void check(String condition, boolean expected, boolean warns) {
        Evaluation evaluation = Conditions.parse(condition).evaluate(context());
        assertThat(evaluation.result()).as(condition).isEqualTo(expected);
        if (warns) {
            assertThat(evaluation.warnings()).as("warnings of " + condition).isNotEmpty();
        } else {
            assertThat(evaluation.warnings()).as("warnings of " + condition).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            profile@n == 12                      | true  | false
            profile@n == 12.0                    | true  | false
            profile@d = 12                       | true  | false
            profile@neg == -3                    | true  | false
            profile@n == +12                     | true  | false
            profile@n == "12"                    | false | false
            profile@s == "Hello"                 | true  | false
            profile@s == "hello"                 | false | false
            profile@t == TRUE                    | true  | false
            profile@t == true                    | true  | false
            profile@f == False                   | true  | false
            profile@t == 1                       | false | false
            profile@nul == NULL                  | true  | false
            profile@missing == NULL              | false | false
            profile@n == [1, 12]                 | true  | false
            profile@s == ["x", "Hello"]          | true  | false
            profile@n == []                      | false | false
            profile@missing == [1]               | false | false
            profile@nul == [NULL]                | true  | false
            profile@n == profile@other           | true  | false
            profile@n == profile@d               | true  | false
            profile@s == profile@n               | false | false
            profile@list == profile@list         | true  | false
            profile@obj == profile@obj           | true  | false
            profile@list == profile@nums         | false | false
            profile@missing == profile@missing2  | false | false
            profile@items.1.x == 2               | true  | false
            profile@items[1].x == 2              | true  | false
            profile@items.9.x == 2               | false | false
            profile@s.deeper == 2                | false | false
            profile@traits["key with.dot"] == 5  | true  | false
            profile@n != 13                      | true  | false
            profile@n != 12                      | false | false
            profile@n != "12"                    | true  | false
            profile@missing != 1                 | true  | false
            profile@n != [1, 2]                  | true  | false
            profile@n != [12]                    | false | false
            profile@n != profile@other           | false | false
            profile@n != profile@missing         | true  | false
            """)
    void equality(String condition, boolean expected, boolean warns) {
        check(condition, expected, warns);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            profile@n > 11                                       | true  | false
            profile@n > 12                                       | false | false
            profile@n >= 12                                      | true  | false
            profile@n => 12                                      | true  | false
            profile@n < 13                                       | true  | false
            profile@n <= 12                                      | true  | false
            profile@n =< 11                                      | false | false
            profile@neg < -2                                     | true  | false
            profile@d > 11.5                                     | true  | false
            profile@n > profile@neg                              | true  | false
            profile@s > "A"                                      | true  | false
            profile@s < "a"                                      | true  | false
            profile@missing > 1                                  | false | false
            profile@missing < 1                                  | false | false
            profile@nul > 1                                      | false | false
            profile@n > "10"                                     | false | true
            profile@s > 1                                        | false | true
            profile@t > false                                    | false | true
            profile@list > 1                                     | false | true
            profile@n > 30s                                      | false | true
            datetime(profile@date) > datetime("2024-01-01")      | true  | false
            datetime(profile@date) > "2024-01-01"                | false | true
            datetime(profile@date) <= now()                      | true  | false
            profile@n BETWEEN 12 AND 20                          | true  | false
            profile@n between 1 and 12                           | true  | false
            profile@n BETWEEN 13 AND 20                          | false | false
            profile@d BETWEEN 11.5 AND 12.5                      | true  | false
            profile@s BETWEEN "A" AND "Z"                        | true  | false
            profile@missing BETWEEN 1 AND 2                      | false | false
            profile@n BETWEEN NULL AND 20                        | false | false
            profile@s BETWEEN 1 AND 2                            | false | true
            profile@n BETWEEN profile@neg AND profile@other      | true  | false
            datetime(profile@date) BETWEEN now.offset("-60d") AND now() | true | false
            """)
    void ordering(String condition, boolean expected, boolean warns) {
        check(condition, expected, warns);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            profile@nul EXISTS                  | true  | false
            profile@n exists                    | true  | false
            profile@missing EXISTS              | false | false
            profile@missing NOT EXISTS          | true  | false
            profile@n NOT EXISTS                | false | false
            profile@... EXISTS                  | true  | false
            session@... EXISTS                  | false | false
            session@id EXISTS                   | false | false
            profile@items.1.x EXISTS            | true  | false
            profile@items.5.x EXISTS            | false | false
            profile@nul IS NULL                 | true  | false
            profile@missing IS NULL             | true  | false
            session@id IS NULL                  | true  | false
            profile@n IS NULL                   | false | false
            profile@n IS NOT NULL               | true  | false
            profile@missing IS NOT NULL         | false | false
            profile@nul is not null             | false | false
            lowercase(profile@missing) IS NULL  | true  | false
            profile@empty EMPTY                 | true  | false
            profile@emptyList EMPTY             | true  | false
            profile@emptyObj EMPTY              | true  | false
            profile@nul EMPTY                   | true  | false
            profile@missing EMPTY               | true  | false
            profile@s EMPTY                     | false | false
            profile@n EMPTY                     | false | false
            profile@f EMPTY                     | false | false
            profile@list EMPTY                  | false | false
            profile@s NOT EMPTY                 | true  | false
            profile@empty NOT EMPTY             | false | false
            profile@missing not empty           | false | false
            """)
    void presence(String condition, boolean expected, boolean warns) {
        check(condition, expected, warns);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            profile@s CONTAINS "ell"            | true  | false
            profile@s CONTAINS "ELL"            | false | false
            profile@s contains ""               | true  | false
            profile@list CONTAINS "b"           | true  | false
            profile@list CONTAINS "z"           | false | false
            profile@nums CONTAINS 2             | true  | false
            profile@nums CONTAINS 2.0           | true  | false
            profile@list CONTAINS profile@s     | false | false
            profile@missing CONTAINS "a"        | false | false
            profile@s CONTAINS profile@missing  | false | false
            profile@nul CONTAINS "a"            | false | false
            profile@n CONTAINS 1                | false | true
            profile@s CONTAINS 1                | false | true
            profile@obj CONTAINS "k"            | false | true
            profile@s STARTS WITH "He"          | true  | false
            profile@s starts with "he"          | false | false
            profile@list STARTS WITH "a"        | true  | false
            profile@list STARTS WITH "b"        | false | false
            profile@emptyList STARTS WITH "a"   | false | false
            profile@n STARTS WITH "1"           | false | true
            profile@s ENDS WITH "llo"           | true  | false
            profile@s Ends With "LLO"           | false | false
            profile@list ENDS WITH "c"          | true  | false
            profile@list ENDS WITH "a"          | false | false
            profile@t ENDS WITH "e"             | false | true
            """)
    void stringAndListTests(String condition, boolean expected, boolean warns) {
        check(condition, expected, warns);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            profile@n == 12 AND profile@s == "Hello"                                 | true  | false
            profile@n == 12 AND profile@s == "nope"                                  | false | false
            profile@n == 1 OR profile@s == "Hello"                                   | true  | false
            profile@n == 1 OR profile@s == "nope"                                    | false | false
            profile@n == 1 AND profile@s > 1                                         | false | false
            profile@n == 12 OR profile@s > 1                                         | true  | false
            profile@n == 12 AND profile@s > 1                                        | false | true
            profile@n > 1 and profile@n < 20 and profile@s EXISTS                    | true  | false
            profile@n > 1 or profile@n < 0 or profile@s EXISTS                       | true  | false
            (profile@n == 1 AND profile@s == "Hello") OR profile@t == TRUE           | true  | false
            profile@n == 1 AND (profile@s == "Hello" OR profile@t == TRUE)           | false | false
            ((profile@n == 12))                                                      | true  | false
            NOT profile@n == 12                                                      | false | false
            NOT (profile@n == 1 OR profile@t == FALSE)                               | true  | false
            NOT NOT profile@n == 12                                                  | true  | false
            event@type == "page-view"                                                | true  | false
            event@properties["first name"] == "Anna"                                 | true  | false
            payload@items.0 == "first"                                               | true  | false
            flow@name == "Flow"                                                      | true  | false
            memory@counter >= 3                                                      | true  | false
            """)
    void logicAndSources(String condition, boolean expected, boolean warns) {
        check(condition, expected, warns);
    }

    @Test
    void warningsNameThePartAndTheKindsButNotTheValues() {
        Evaluation evaluation = Conditions.parse("profile@n == 12 AND profile@s > 1").evaluate(context());

        assertThat(evaluation.result()).isFalse();
        assertThat(evaluation.warnings()).containsExactly(
                "profile@s > 1 (line 1, column 21): cannot order a string against a number with >; the test is false");
    }

    @Test
    void aProfileLessContextReadsEverythingAsMissing() {
        ConditionContext empty = ConditionContext.builder().build();

        assertThat(Conditions.parse("profile@stats.visits > 1").evaluate(empty)).isEqualTo(new Evaluation(false, List.of()));
        assertThat(Conditions.parse("profile@stats.visits != 1").matches(empty)).isTrue();
        assertThat(Conditions.parse("profile@stats.visits IS NULL").matches(empty)).isTrue();
        assertThat(Conditions.parse("profile@stats.visits EMPTY").matches(empty)).isTrue();
    }

    @Test
    void plainFieldFiltersReadOneDocument() {
        ConditionContext document = ConditionContext.ofDocument(Map.of("type", "page-view",
                "metadata", Map.of("time", Map.of("insert", "2024-03-01T10:00:00Z"))));

        assertThat(Conditions.parseFilter("type = \"page-view\" AND metadata.time.insert > \"2024-01-01\"").matches(document))
                .isTrue();
        assertThat(Conditions.parseFilter("datetime(metadata.time.insert) > now.offset(\"-3650d\")").matches(document))
                .isTrue();
        assertThat(Conditions.parseFilter("type == other").matches(document)).isFalse();
    }
}
