package org.opencdp.server.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencdp.server.condition.ast.Comparator;
import org.opencdp.server.condition.ast.ConditionFunction;
import org.opencdp.server.condition.ast.Expression;
import org.opencdp.server.condition.ast.MatchKind;
import org.opencdp.server.condition.ast.Operand;
import org.opencdp.server.condition.ast.Source;

/** The grammar of workflows §9.1: the trees it builds and the errors it reports (offsets are 0-based). */
class ConditionParserTest {

    @Test
    void buildsAnImmutableTreeWithPositions() {
        Condition condition = Conditions.parse(
                "profile@stats.visits >= 10 AND event@properties[\"first name\"] STARTS WITH \"An\" AND profile@tier == [\"a\", 2, TRUE, NULL, 30s]");

        Expression.AllOf all = (Expression.AllOf) condition.root();
        assertThat(all.parts()).hasSize(3);
        Expression.Comparison first = (Expression.Comparison) all.parts().get(0);
        assertThat(first.left()).isEqualTo(new Operand.FieldRef(Source.PROFILE, List.of("stats", "visits"), 0,
                "profile@stats.visits"));
        assertThat(first.comparator()).isEqualTo(Comparator.GREATER_OR_EQUAL);
        assertThat(first.right()).isEqualTo(new Operand.NumberLiteral(new BigDecimal("10"), 24, "10"));
        assertThat(first.text()).isEqualTo("profile@stats.visits >= 10");
        Expression.TextMatch second = (Expression.TextMatch) all.parts().get(1);
        assertThat(second.kind()).isEqualTo(MatchKind.STARTS_WITH);
        assertThat(((Operand.FieldRef) second.left()).path()).containsExactly("properties", "first name");
        assertThat(second.offset()).isEqualTo(31);
        Operand.ListLiteral list = (Operand.ListLiteral) ((Expression.Comparison) all.parts().get(2)).right();
        assertThat(list.items()).extracting(Object::getClass).containsExactly(Operand.StringLiteral.class,
                Operand.NumberLiteral.class, Operand.BooleanLiteral.class, Operand.NullLiteral.class, Operand.DurationLiteral.class);
        assertThat(((Operand.DurationLiteral) list.items().get(4)).value()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> all.parts().add(all)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(condition.fields()).extracting(Operand.FieldRef::text)
                .containsExactly("profile@stats.visits", "event@properties[\"first name\"]", "profile@tier");
    }

    @Test
    void readsEveryTestForm() {
        assertThat(Conditions.parse("profile@a BETWEEN -1.5 AND 2").root()).isInstanceOf(Expression.Between.class);
        assertThat(Conditions.parse("profile@a IS NOT NULL").root()).isEqualTo(new Expression.IsNull(
                new Operand.FieldRef(Source.PROFILE, List.of("a"), 0, "profile@a"), true, 0, "profile@a IS NOT NULL"));
        assertThat(Conditions.parse("profile@a not exists").root()).isInstanceOf(Expression.Exists.class)
                .extracting(e -> ((Expression.Exists) e).negated()).isEqualTo(true);
        assertThat(Conditions.parse("profile@a NOT EMPTY").root()).isInstanceOf(Expression.IsEmpty.class);
        assertThat(Conditions.parse("profile@a ENDS WITH \"x\"").root()).extracting(e -> ((Expression.TextMatch) e).kind())
                .isEqualTo(MatchKind.ENDS_WITH);
        assertThat(Conditions.parse("payload@items.0 CONTAINS \"x\"").fields().get(0).path()).containsExactly("items", "0");
        assertThat(Conditions.parse("profile@... EXISTS").fields().get(0).path()).isEmpty();
        assertThat(Conditions.parse("session@a-b_c.d EXISTS").fields().get(0).path()).containsExactly("a-b_c", "d");
        assertThat(Conditions.parse("profile@a == \"say \\\"hi\\\" \\\\ there\"").root())
                .extracting(e -> ((Operand.StringLiteral) ((Expression.Comparison) e).right()).value())
                .isEqualTo("say \"hi\" \\ there");
        Expression.Comparison call = (Expression.Comparison) Conditions.parse(
                "datetime.offset(profile@t, \"-1d12h\") < now.timezone.offset(\"Europe/Warsaw\", -2h)").root();
        assertThat(((Operand.FunctionCall) call.left()).function()).isEqualTo(ConditionFunction.DATETIME_OFFSET);
        assertThat(((Operand.FunctionCall) call.right()).arguments()).hasSize(2);
        assertThat(Conditions.parse("NOT (profile@a == 1)").root()).isInstanceOf(Expression.Negation.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ==  | EQUAL
            =   | EQUAL
            !=  | NOT_EQUAL
            >   | GREATER
            >=  | GREATER_OR_EQUAL
            =>  | GREATER_OR_EQUAL
            <   | LESS
            <=  | LESS_OR_EQUAL
            =<  | LESS_OR_EQUAL
            """)
    void everyComparatorSpellingWithAndWithoutSpaces(String symbol, Comparator comparator) {
        for (String text : List.of("profile@a " + symbol + " 1", "profile@a" + symbol + "1", "profile@a" + symbol + "-1")) {
            assertThat(((Expression.Comparison) Conditions.parse(text).root()).comparator()).as(text).isEqualTo(comparator);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "profile@a == 1 and profile@b == 2",
        "profile@a == 1 AnD profile@b == 2",
        "profile@a IS not Null",
        "profile@a between 1 AND 2",
        "profile@a STARTS with \"x\"",
        "profile@a == true or profile@b == null",
        "  profile@a\n== 1\n\tAND\n profile@b == 2  ",
        "(profile@a == 1 AND profile@b == 2) OR (profile@c == 3 AND (profile@d == 4 OR profile@e == 5))",
        "profile@a == [ ]",
        "now() > datetime(profile@a)",
        "datetime.from_timestamp(1700000000) < now(\"utc\")",
    })
    void acceptsKeywordsInAnyCaseAndFreeWhitespace(String text) {
        assertThat(Conditions.validate(text)).isEmpty();
    }

    /** Text, 0-based offset of the error, and a part of the message that names what was expected and found. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                                              | 0  | Expected a condition but found an empty text
            '   '                                           | 0  | Expected a condition but found an empty text
            profile@n >                                     | 11 | Expected a value (a quoted string, a number, TRUE, FALSE, NULL, a [list], a field (e.g. profile@traits.age) or a function call) after > but found end of condition
            profile@n 12                                    | 10 | Expected an operator (==, !=, >, >=, <, <=), BETWEEN, IS [NOT] NULL, [NOT] EXISTS, [NOT] EMPTY, CONTAINS, STARTS WITH or ENDS WITH after profile@n but found number 12
            foo@n == 1                                      | 0  | Expected one of the sources payload, profile, event, session, flow, memory before "@" but found foo
            traits.n == 1                                   | 0  | Expected a field with its source, e.g. profile@traits.n, but found "traits.n"
            profile@n == unquoted                           | 13 | but found "unquoted" (write text in double quotes)
            profile@n == "abc                               | 13 | Expected a closing " for the string that starts here but found end of condition
            (profile@n == 1                                 | 15 | Expected AND, OR or ")" closing the "(" at column 1 but found end of condition
            profile@n == 1)                                 | 14 | Expected end of condition but found ")" without a matching "("
            profile@n == 1 OR profile@m == 2 AND profile@o == 3 | 33 | Expected OR or end of condition but found "AND" (AND and OR cannot be mixed
            profile@a == 1 AND (profile@b == 2 OR profile@c == 3 AND profile@d == 4) | 53 | Expected OR or ")" but found "AND"
            profile@n == 1 profile@m == 2                   | 15 | Expected AND, OR or end of condition but found "profile@m"
            unknown(profile@n) == 1                         | 0  | Expected one of the functions now, utcnow, now.offset, now.timezone, now.timezone.offset, datetime, datetime.offset, datetime.timezone, datetime.from_timestamp, lowercase, uppercase but found unknown()
            profile@n == lowercase(profile@a, profile@b)    | 13 | Expected 1 argument for lowercase(value) but found 2
            now("UTC", "UTC") < profile@d                   | 0  | Expected 0 or 1 arguments for now(["<time zone>"]) but found 2
            now.offset() < profile@d                        | 0  | Expected 1 argument for now.offset("<±duration>") but found 0
            datetime.offset(profile@d) < now()              | 0  | Expected 2 arguments for datetime.offset(value, "<±duration>") but found 1
            profile@d > now("Mars/Base")                    | 16 | Expected a time zone such as "Europe/Warsaw" or "UTC" as an argument of now(["<time zone>"]) but found "Mars/Base"
            profile@d > now.offset("30x")                   | 23 | Expected a duration such as "-30d", "15m" or "1d12h" as an argument of now.offset("<±duration>") but found "30x"
            profile@d > now.offset(12)                      | 23 | Expected a duration such as
            profile@n BETWEEN 1 2                           | 20 | Expected AND between the two bounds of BETWEEN but found number 2
            profile@n BETWEEN 1 AND [1]                     | 24 | Expected a value (a quoted string, a number, TRUE, FALSE, NULL, a field (e.g. profile@traits.age) or a function call) after BETWEEN … AND but found "["
            profile@n IS NOTHING                            | 13 | Expected NULL after IS but found "NOTHING"
            profile@n IS NOT 1                              | 17 | Expected NULL after IS NOT but found number 1
            profile@n NOT 1                                 | 14 | Expected EXISTS or EMPTY after NOT but found number 1
            lowercase(profile@n) EXISTS                     | 21 | but found EXISTS (EXISTS applies to a field)
            profile@n STARTS "a"                            | 17 | Expected WITH after STARTS but found string "a"
            profile@n == 1 AND                              | 18 | Expected a field (e.g. profile@traits.age) or a function call but found end of condition
            (profile@n == 1)AND(profile@m == 1)             | 16 | Expected whitespace before AND but found ")"
            profile@n == 1 AND(profile@m == 1)              | 18 | Expected whitespace after AND but found "("
            profile@n BETWEEN 1 AND"2"                      | 23 | Expected whitespace after AND but found \"\"\"
            profile@n == 12abc                              | 15 | Expected an operator, a keyword or whitespace after 12 but found "a"
            profile@n == 12.                                | 16 | Expected digits after the decimal point but found end of condition
            profile@n == 1d2                                | 16 | Expected a duration unit (s, m, h or d) but found end of condition
            profile@n ! 1                                   | 10 | Expected != but found "!"
            profile@n == [1, profile@m]                     | 17 | Expected a string, a number, a duration, TRUE, FALSE or NULL in the list but found "profile@m"
            profile@n == [1, 2                              | 18 | Expected "," or "]" closing the list opened at column 14 but found end of condition
            profile@ == 1                                   | 8  | Expected a path after profile@ (e.g. profile@traits.age) but found whitespace
            profile@a. == 1                                 | 10 | Expected a path segment after "." but found whitespace
            profile@a["x] == 1                              | 10 | Expected a closing " for the string that starts here
            profile@a["x" == 1                              | 13 | Expected "]" to close the key opened at column 10 but found whitespace
            profile@a@b == 1                                | 9  | Expected a path without a second "@"
            "x" == profile@a                                | 0  | Expected a field (e.g. profile@traits.age) or a function call but found string "x"
            EXISTS == 1                                     | 0  | Expected a field (e.g. profile@traits.age) or a function call but found keyword EXISTS
            profile@a > 1 #                                 | 14 | Expected a field, a value, an operator or a parenthesis but found "#"
            profile@a == 'x'                                | 13 | Expected a field, a value, an operator or a parenthesis but found "'"
            lowercase(profile@a == 1                        | 20 | Expected "," or ")" closing the arguments of lowercase opened at column 10 but found "=="
            """)
    void errorsNameWhatWasExpectedWhatWasFoundAndWhere(String text, int offset, String message) {
        assertThatThrownBy(() -> Conditions.parse(text))
                .isInstanceOf(ConditionParseException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConditionParseException) e).offset()).isEqualTo(offset))
                .satisfies(e -> assertThat(e.getMessage()).endsWith(" at line 1, column " + (offset + 1)));
        assertThat(Conditions.validate(text)).get().extracting(ConditionError::offset).isEqualTo(offset);
    }

    @Test
    void positionsCountLinesAndColumnsFromOne() {
        String text = "profile@n == 1 AND\n  profile@m ==";

        ConditionError error = Conditions.validate(text).orElseThrow();

        assertThat(error.offset()).isEqualTo(text.length());
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(15);
        assertThat(error.message()).isEqualTo(error.reason() + " at line 2, column 15");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String text = "(".repeat(5_000) + "profile@a == 1" + ")".repeat(5_000);

        assertThat(Conditions.validate(text)).get().extracting(ConditionError::reason).asString()
                .startsWith("Expected at most 64 nested parentheses");
        assertThat(Conditions.validate("(".repeat(60) + "profile@a == 1" + ")".repeat(60))).isEmpty();
        assertThat(Conditions.validate("lowercase(".repeat(100) + "profile@a" + ")".repeat(100) + " == \"x\"")).isPresent();
    }

    @Test
    void plainFieldFiltersTakePathsWithoutASource() {
        Condition filter = Conditions.parseFilter("type = \"page-view\" AND metadata.time.insert > \"2024-01-01\""
                + " AND properties[\"first name\"] EXISTS AND tags == other.field");

        assertThat(filter.syntax()).isEqualTo(Syntax.PLAIN_FIELDS);
        assertThat(filter.fields()).extracting(Operand.FieldRef::dottedPath)
                .containsExactly("type", "metadata.time.insert", "properties.first name", "tags", "other.field");
        assertThat(filter.fields()).extracting(Operand.FieldRef::source).containsOnlyNulls();
        assertThat(Conditions.validateFilter("profile@type == \"x\"")).get().extracting(ConditionError::reason)
                .isEqualTo("Expected a plain field path such as traits.age (filters have no source@ prefix) but found \"profile@type\"");
        assertThat(Conditions.validateFilter("type == ")).get().extracting(ConditionError::reason).asString()
                .contains("a field (e.g. traits.age)");
    }

    @Test
    void parsedConditionsAreCachedByText() {
        assertThat(Conditions.parse("profile@cached == 1")).isSameAs(Conditions.parse("profile@cached == 1"));
        assertThat(Conditions.parseFilter("cached == 1")).isNotSameAs(Conditions.parse("profile@cached == 1"));
    }
}
