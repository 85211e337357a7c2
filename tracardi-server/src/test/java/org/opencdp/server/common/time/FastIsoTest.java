package org.opencdp.server.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written fast path agrees with the general formatter on every text it takes, and formats like it. */
class FastIsoTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-12-02T04:10:27.493482+00:00", "2026-12-02T04:10:27.493Z", "2026-12-02T04:10:27Z",
            "2026-12-02T04:10:27", "2026-12-02T04:10:27.1", "2026-12-02T04:10:27.123456789-05:30",
            "2024-02-29T23:59:59.999999+18:00", "2023-02-29T10:00:00Z", "2024-02-30T10:00:00Z", "2024-13-01T10:00:00Z",
            "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2024-01-01T23:59:60Z", "2024-01-01T10:00:00+18:30",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-01-01T10:00:00-00:00",
    })
    void agreesWithTheGeneralFormatterOnItsForms(String text) {
        Instant fast = FastIso.parse(text);
        assertThat(fast).isNotSameAs(FastIso.UNHANDLED);
        assertThat(Optional.ofNullable(fast)).as(text).isEqualTo(Times.parseWithFormatter(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2024-03-27t10:00:01z", "2024-03-27T12:00:01+0200", "2024-03-27T12:00:01+02", "2024-03-27T10:00",
            "2024-03-27", "2024-03-27T11:00:01+01:00[Europe/Warsaw]", "2024-03-27T10:00:01.", "2024-03-27T10:00:01.1234567890Z",
            "2024-03-27T10:00:01+19:00", "+12024-03-27T10:00:01Z", "2024-03-27T10:00:01 Z", "2024-0x-27T10:00:01Z",
    })
    void leavesEveryOtherFormToTheGeneralFormatter(String text) {
        assertThat(FastIso.parse(text)).as(text).isSameAs(FastIso.UNHANDLED);
    }

    @Test
    void randomTextsOfTheFastShapeParseAsTheGeneralFormatterParsesThem() {
        Random random = new Random(42);
        String[] zones = {"", "Z", "+00:00", "-00:00", "+05:30", "-11:45", "+18:00", "-18:00", "+14:60", "+02:99"};
        for (int i = 0; i < 20_000; i++) {
            String text = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextInt(3) == 0 ? "" : "." + "123456789".substring(0, 1 + random.nextInt(9)),
                    zones[random.nextInt(zones.length)]);
            Instant fast = FastIso.parse(text);
            Optional<Instant> general = Times.parseWithFormatter(text);
            if (fast == FastIso.UNHANDLED) {
                continue;
            }
            assertThat(Optional.ofNullable(fast)).as(text).isEqualTo(general);
        }
    }

    @Test
    void formatsAsTheEmittedPattern() {
        DateTimeFormatter emitted = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'", Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC);
        Random random = new Random(7);
        long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)), random.nextInt(1_000_000_000))
                    .truncatedTo(ChronoUnit.MICROS);
            assertThat(FastIso.format(instant)).isEqualTo(emitted.format(instant));
        }
        assertThat(FastIso.format(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
        assertThat(Times.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo(emitted.format(Instant.parse("+10000-01-01T00:00:00Z")));
    }
}
