package org.opencdp.server.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void formatsWithSixFractionDigitsAndExplicitUtcOffset() {
        assertThat(Times.format(Instant.parse("2024-03-27T10:00:01.02Z"))).isEqualTo("2024-03-27T10:00:01.020000+00:00");
        assertThat(Times.format(Instant.parse("2024-03-27T10:00:01Z"))).isEqualTo("2024-03-27T10:00:01.000000+00:00");
        assertThat(Times.format(Instant.parse("2024-03-27T10:00:01.123456789Z"))).isEqualTo("2024-03-27T10:00:01.123456+00:00");
        assertThat(Times.format(Instant.parse("0999-01-02T03:04:05Z"))).isEqualTo("0999-01-02T03:04:05.000000+00:00");
        assertThat(Times.format(Instant.EPOCH)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00");
    }

    @Test
    void toJsonWritesNullForNull() {
        assertThat(Times.toJson(null).isNull()).isTrue();
        assertThat(Times.toJson(Instant.EPOCH).textValue()).isEqualTo("1970-01-01T00:00:00.000000+00:00");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // ISO-8601 with a zone, with and without fraction
            "2024-03-27T10:00:01.020000+00:00 | 2024-03-27T10:00:01.020Z",
            "2024-03-27T10:00:01.074Z         | 2024-03-27T10:00:01.074Z",
            "2024-03-27T10:00:01Z             | 2024-03-27T10:00:01Z",
            "2024-03-27t10:00:01z             | 2024-03-27T10:00:01Z",
            "2024-03-27T12:00:01+02:00        | 2024-03-27T10:00:01Z",
            "2024-03-27T12:00:01+0200         | 2024-03-27T10:00:01Z",
            "2024-03-27T12:00:01+02           | 2024-03-27T10:00:01Z",
            "2024-03-27T05:00:01.5-05:00      | 2024-03-27T10:00:01.5Z",
            "2024-03-27T11:00:01+01:00[Europe/Warsaw] | 2024-03-27T10:00:01Z",
            "2024-03-27T11:00:01[Europe/Warsaw] | 2024-03-27T10:00:01Z",
            "2024-03-27T10:00:01.123456789Z   | 2024-03-27T10:00:01.123456789Z",
            // ISO-8601 without a zone means UTC
            "2024-03-27T10:00:01.02           | 2024-03-27T10:00:01.020Z",
            "2024-03-27T10:00:01              | 2024-03-27T10:00:01Z",
            "2024-03-27T10:00                 | 2024-03-27T10:00:00Z",
            "2024-03-27                       | 2024-03-27T00:00:00Z",
            // space-separated forms
            "2024-03-27 10:00:01              | 2024-03-27T10:00:01Z",
            "2024-03-27 10:00:01.5            | 2024-03-27T10:00:01.5Z",
            "2024-03-27 10:00:01.020000+00:00 | 2024-03-27T10:00:01.020Z",
            "'  2024-03-27 10:00:01  '        | 2024-03-27T10:00:01Z",
    })
    void acceptsEveryTextForm(String text, String expected) {
        assertThat(Times.parse(text)).contains(Instant.parse(expected));
        assertThat(Times.parse(NODES.textNode(text))).contains(Instant.parse(expected));
    }

    @Test
    void acceptsEpochMillisAsANumber() {
        Instant expected = Instant.parse("2024-03-27T10:00:01.020Z");
        assertThat(Times.parse(NODES.numberNode(1711533601020L))).contains(expected);
        assertThat(Times.parse(NODES.numberNode(1711533601020.0))).contains(expected);
        assertThat(Times.parse(NODES.numberNode(1711533601020.5))).contains(expected.plusNanos(500_000));
        assertThat(Times.parse(NODES.numberNode(new BigDecimal("1711533601020.25")))).contains(expected.plusNanos(250_000));
        assertThat(Times.parse(NODES.numberNode(0))).contains(Instant.EPOCH);
        assertThat(Times.parse(NODES.numberNode(-1000))).contains(Instant.parse("1969-12-31T23:59:59Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "junk", "yesterday", "1711533601020", "2024-13-01", "2024-02-30T10:00:00",
            "2024-03-27T25:00:00", "2024-03-27T10:00:01+25:00", "2024-03-27T10:00:01 garbage", "27.03.2024",
            "2024-03-27T10:00:01.1234567890Z", "2024-03-27T10:00:01[No/Such_Zone]", "+12024-03-27T10:00:01Z",
            "2024-03-27T10:00:01.020000+00:00 but this text is far too long to be a datetime of any kind"})
    void rejectsJunkText(String text) {
        assertThat(Times.parse(text)).isEmpty();
        assertThat(Times.parse(NODES.textNode(text))).isEmpty();
    }

    @Test
    void rejectsJunkJsonWithoutThrowing() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(Times.parse((JsonNode) null)).isEmpty();
        assertThat(Times.parse((String) null)).isEmpty();
        assertThat(Times.parse(NODES.nullNode())).isEmpty();
        assertThat(Times.parse(NODES.missingNode())).isEmpty();
        assertThat(Times.parse(NODES.booleanNode(true))).isEmpty();
        assertThat(Times.parse(mapper.readTree("{\"a\":1}"))).isEmpty();
        assertThat(Times.parse(mapper.readTree("[1711533601020]"))).isEmpty();
        assertThat(Times.parse(NODES.numberNode(Double.NaN))).isEmpty();
        assertThat(Times.parse(NODES.numberNode(Double.POSITIVE_INFINITY))).isEmpty();
        assertThat(Times.parse(NODES.numberNode(1e300))).isEmpty();
        assertThat(Times.parse(NODES.numberNode(new BigDecimal("1E+999999999")))).isEmpty();
        assertThat(Times.parse(NODES.numberNode(new BigDecimal("1E-999999999")))).contains(Instant.EPOCH);
        assertThat(Times.parse(NODES.numberNode(new java.math.BigInteger("99999999999999999999999")))).isEmpty();
        assertThat(Times.parse(NODES.numberNode(Long.MAX_VALUE))).isEmpty();
    }

    @Test
    void emittedFormRoundTrips() {
        Instant now = Instant.parse("2026-11-22T12:42:04.090123456Z");
        Optional<Instant> back = Times.parse(Times.format(now));
        assertThat(back).contains(Times.truncate(now));
        assertThat(Times.format(back.orElseThrow())).isEqualTo(Times.format(now));
    }

    @Test
    void epochSecondsAndDurationsKeepMicroseconds() {
        assertThat(Times.epochSeconds(Instant.parse("2026-11-22T12:39:33.421992Z"))).isEqualTo(1795351173.421992);
        assertThat(Times.secondsBetween(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:02.640Z")))
                .isEqualTo(2.64);
        assertThat(Times.secondsBetween(Instant.parse("2024-01-01T00:00:02Z"), Instant.parse("2024-01-01T00:00:00Z")))
                .isEqualTo(-2.0);
    }
}
