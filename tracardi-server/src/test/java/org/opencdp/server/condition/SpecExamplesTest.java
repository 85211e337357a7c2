package org.opencdp.server.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fifteen examples of workflows §9.3, with their data and clock, exactly as the spec lists them. */
class SpecExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ConditionContext specContext() {
        try {
            return ConditionContext.builder()
                    .profile(JSON.readTree("""
                            {"stats": {"visits": 12, "views": 40}, "segments": ["vip", "newsletter"],
                             "traits": {"tier": "gold", "age": 34, "tags": ["a", "b"], "nickname": ""},
                             "data": {"contact": {"email": {"main": "Anna@Example.com", "business": null}}},
                             "metadata": {"time": {"visit": {"last": "2024-03-01T10:00:00+00:00"}}}}"""))
                    .event(JSON.readTree("""
                            {"type": "sign-in", "properties": {"price": 49.5, "currency": "EUR", "first name": "Anna"}}"""))
                    .clock(Clock.fixed(Instant.parse("2024-04-15T12:00:00Z"), ZoneOffset.UTC))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "#{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            1  | profile@stats.visits > 10                                                                      | true
            2  | profile@stats.visits > 10 AND event@type == "sign-in"                                          | true
            3  | profile@traits.tier == ["gold", "platinum"]                                                    | true
            4  | event@properties.price BETWEEN 10 AND 50                                                       | true
            5  | profile@traits.missing == 1                                                                    | false
            6  | profile@traits.missing != 1                                                                    | true
            7  | profile@data.contact.email.business EXISTS                                                     | true
            8  | profile@data.contact.email.business IS NULL                                                    | true
            9  | profile@traits.nickname EMPTY                                                                  | true
            10 | profile@traits.tags CONTAINS "b"                                                               | true
            11 | event@properties["first name"] STARTS WITH "An"                                                | true
            12 | lowercase(profile@data.contact.email.main) == "anna@example.com"                               | true
            13 | datetime(profile@metadata.time.visit.last) < now.offset("-30d")                                | true
            14 | profile@segments CONTAINS "vip" AND (event@properties.currency == "USD" OR profile@traits.age >= 30) | true
            """)
    void examplesEvaluateAsSpecified(int number, String condition, boolean expected) {
        Evaluation evaluation = Conditions.parse(condition).evaluate(specContext());

        assertThat(evaluation.result()).as("example %d", number).isEqualTo(expected);
        assertThat(evaluation.warnings()).as("example %d", number).isEmpty();
        assertThat(Conditions.validate(condition)).isEmpty();
    }

    @ParameterizedTest(name = "#{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            1  | profile@stats.visits > 10                                                                      | true
            2  | profile@stats.visits > 10 AND event@type == "sign-in"                                          | true
            3  | profile@traits.tier == ["gold", "platinum"]                                                    | true
            4  | event@properties.price BETWEEN 10 AND 50                                                       | true
            5  | profile@traits.missing == 1                                                                    | false
            6  | profile@traits.missing != 1                                                                    | true
            7  | profile@data.contact.email.business EXISTS                                                     | true
            8  | profile@data.contact.email.business IS NULL                                                    | true
            9  | profile@traits.nickname EMPTY                                                                  | true
            10 | profile@traits.tags CONTAINS "b"                                                               | true
            11 | event@properties["first name"] STARTS WITH "An"                                                | true
            12 | lowercase(profile@data.contact.email.main) == "anna@example.com"                               | true
            13 | datetime(profile@metadata.time.visit.last) < now.offset("-30d")                                | true
            14 | profile@segments CONTAINS "vip" AND (event@properties.currency == "USD" OR profile@traits.age >= 30) | true
            """)
    void negatedExamplesFlip(int number, String condition, boolean expected) {
        Evaluation evaluation = Conditions.parse("NOT (" + condition + ")").evaluate(specContext());

        assertThat(evaluation.result()).as("example %d negated", number).isEqualTo(!expected);
    }

    @org.junit.jupiter.api.Test
    void example15MixingAndWithOrIsASyntaxError() {
        String condition = "profile@traits.age > 30 AND profile@traits.tier == \"silver\" OR profile@stats.views > 1";

        assertThatThrownBy(() -> Conditions.parse(condition))
                .isInstanceOf(ConditionParseException.class)
                .satisfies(e -> {
                    ConditionParseException error = (ConditionParseException) e;
                    assertThat(error.offset()).isEqualTo(condition.indexOf(" OR ") + 1);
                    assertThat(error.column()).isEqualTo(condition.indexOf(" OR ") + 2);
                    assertThat(error.line()).isEqualTo(1);
                    assertThat(error.getMessage()).startsWith("Expected AND or end of condition but found \"OR\"")
                            .contains("(a AND b) OR c")
                            .endsWith("at line 1, column " + (condition.indexOf(" OR ") + 2));
                });
        assertThat(Conditions.validate(condition)).get()
                .extracting(ConditionError::offset).isEqualTo(condition.indexOf(" OR ") + 1);
    }
}
