package org.opencdp.server.condition;

import static org.opencdp.server.condition.ConditionEvaluationTest.check;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every function of workflows §9.2 on the data of {@link ConditionEvaluationTest} (now = 2024-04-15T12:00:00Z;
 * profile@date = 2024-03-01T10:00:00Z, given as aware, naive, +01:00 and epoch-second values). The last column
 * says whether the evaluation must warn.
 */
class ConditionFunctionsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            now() == datetime("2024-04-15T12:00:00Z")                                       | true  | false
            utcnow() == now()                                                               | true  | false
            now("Europe/Warsaw") == now()                                                   | true  | false
            now.timezone("America/New_York") == now()                                       | true  | false
            now.offset("-1d") < now()                                                       | true  | false
            now.offset("1d12h") == datetime("2024-04-17T00:00:00Z")                         | true  | false
            now.offset(-1d) == datetime("2024-04-14T12:00:00Z")                             | true  | false
            now.offset("+30m") == datetime("2024-04-15 12:30:00")                           | true  | false
            now.offset("-15s") == datetime("2024-04-15T11:59:45Z")                          | true  | false
            now.timezone.offset("UTC", "-30d") == datetime("2024-03-16T12:00:00Z")          | true  | false
            now.timezone.offset("Europe/Warsaw", "2h") == datetime("2024-04-15T14:00:00Z")  | true  | false
            datetime(profile@date) == datetime("2024-03-01T11:00:00+01:00")                 | true  | false
            datetime(profile@naive) == datetime(profile@date)                               | true  | false
            datetime(profile@warsaw) == datetime(profile@date)                              | true  | false
            datetime("2024-03-01") < datetime(profile@naive)                                | true  | false
            datetime(profile@ts) < datetime("1970-02-01")                                   | true  | false
            datetime.offset(profile@date, "1h") == datetime("2024-03-01T11:00:00Z")         | true  | false
            datetime.offset(profile@naive, -1d) == datetime("2024-02-29T10:00:00Z")         | true  | false
            datetime.timezone(profile@naive, "Europe/Warsaw") == datetime("2024-03-01T09:00:00Z") | true | false
            datetime.timezone(profile@date, "Europe/Warsaw") == datetime(profile@date)      | true  | false
            datetime.from_timestamp(profile@ts) == datetime(profile@date)                   | true  | false
            datetime.from_timestamp(profile@tsText) == datetime(profile@date)               | true  | false
            datetime.from_timestamp(1709287200.5) > datetime(profile@date)                  | true  | false
            lowercase(profile@upper) == "abc"                                               | true  | false
            LOWERCASE(profile@upper) == "abc"                                               | true  | false
            uppercase(profile@s) == "HELLO"                                                 | true  | false
            uppercase(profile@list) CONTAINS "B"                                            | true  | false
            lowercase(uppercase(profile@s)) == "hello"                                      | true  | false
            profile@s == uppercase("Hello")                                                 | false | false
            lowercase(profile@missing) IS NULL                                              | true  | false
            datetime(profile@missing) IS NULL                                               | true  | false
            datetime(profile@nul) IS NULL                                                   | true  | false
            datetime.offset(profile@missing, "1d") IS NULL                                  | true  | false
            datetime.from_timestamp(profile@missing) IS NULL                                | true  | false
            lowercase(profile@n) IS NULL                                                    | true  | true
            datetime(profile@s) == now()                                                    | false | true
            datetime(profile@s) IS NULL                                                     | true  | true
            datetime.from_timestamp(profile@s) IS NULL                                      | true  | true
            datetime.timezone(profile@date, profile@s) IS NULL                              | true  | true
            now(profile@s) IS NULL                                                          | true  | true
            now.offset(profile@s) IS NULL                                                   | true  | true
            now.offset(profile@n) IS NULL                                                   | true  | true
            """)
    void functions(String condition, boolean expected, boolean warns) {
        check(condition, expected, warns);
    }
}
