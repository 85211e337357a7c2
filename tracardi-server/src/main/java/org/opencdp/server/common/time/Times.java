package org.opencdp.server.common.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Optional;

/**
 * Datetimes as they travel (spec README §1). We <b>emit</b> {@code yyyy-MM-dd'T'HH:mm:ss.SSSSSS+00:00}: UTC, six
 * fractional digits, explicit {@code +00:00}, as Python's {@code isoformat()} writes an aware datetime. We
 * <b>accept</b>:
 * <ul>
 *   <li>ISO-8601 with or without a zone ({@code Z}, {@code +02}, {@code +0200}, {@code +02:00}, optionally followed by a
 *       {@code [Region/City]} id) and with or without seconds and a fraction of up to nine digits; no zone means UTC;
 *       a date alone means midnight UTC;</li>
 *   <li>the same with a space instead of {@code T} ({@code yyyy-MM-dd HH:mm:ss[.f]}, also Python's {@code str()});</li>
 *   <li>epoch milliseconds as a JSON number (integral or fractional).</li>
 * </ul>
 * Parsing never throws on client input: anything else is {@link Optional#empty()}.
 */
public final class Times {

    private static final DateTimeFormatter EMIT = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter ACCEPT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .parseLenient()
            .appendOffset("+HH", "Z")
            .parseStrict()
            .optionalEnd()
            .optionalStart()
            .appendLiteral('[')
            .parseCaseSensitive()
            .appendZoneRegionId()
            .appendLiteral(']')
            .optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    /** Longer input is never a datetime; the cap keeps junk from costing parse time. */
    private static final int MAX_TEXT = 64;
    /** Epoch milliseconds beyond this (about year 318857) are not datetimes. */
    private static final double MAX_EPOCH_MILLIS = 1e16;
    /** Python's datetime range (years 1 to 9999), which every stored date and every emitted string fits. */
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Times() {
    }

    /** The emitted form of an instant, truncated to microseconds. */
    public static String format(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        String fast = FastIso.format(micros);
        return fast != null ? fast : EMIT.format(micros);
    }

    /** The emitted form as a JSON value; {@code null} becomes a JSON null. */
    public static JsonNode toJson(Instant instant) {
        return instant == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(format(instant));
    }

    /** An instant truncated to the precision we emit, so it equals its own round trip. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** Parses a JSON value: a string in an accepted form, or epoch milliseconds as a number. */
    public static Optional<Instant> parse(JsonNode value) {
        return parseAny(value).filter(Times::inRange);
    }

    /** Parses a string in one of the accepted text forms. Digits alone are not read as epoch milliseconds. */
    public static Optional<Instant> parse(String text) {
        return parseText(text).filter(Times::inRange);
    }

    private static boolean inRange(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    private static Optional<Instant> parseAny(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return parseText(value.textValue());
        }
        if (value.isNumber()) {
            return fromEpochMillis(value);
        }
        return Optional.empty();
    }

    private static Optional<Instant> parseText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.length() < 10 || value.length() > MAX_TEXT) {
            return Optional.empty();
        }
        if (value.length() > 10 && value.charAt(10) == ' ') {
            value = value.substring(0, 10) + 'T' + value.substring(11);
        }
        Instant fast = FastIso.parse(value);
        if (fast != FastIso.UNHANDLED) {
            return Optional.ofNullable(fast);
        }
        return parseWithFormatter(value);
    }

    /** The general parse of a stripped text with {@code T} as separator, for every form {@link FastIso} leaves. */
    static Optional<Instant> parseWithFormatter(String value) {
        try {
            TemporalAccessor parsed = ACCEPT.parse(value);
            LocalDate date = parsed.query(TemporalQueries.localDate());
            LocalTime time = parsed.query(TemporalQueries.localTime());
            LocalDateTime local = LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time);
            ZoneId zone = parsed.query(TemporalQueries.zone());
            ZoneOffset offset = parsed.query(TemporalQueries.offset());
            if (offset != null) {
                return Optional.of(local.toInstant(offset));
            }
            return Optional.of(local.atZone(zone == null ? ZoneOffset.UTC : zone).toInstant());
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> fromEpochMillis(JsonNode number) {
        try {
            if (number.isIntegralNumber() && number.canConvertToLong()) {
                return Optional.of(Instant.ofEpochMilli(number.longValue()));
            }
            // Fractions go through double (exact enough for microseconds), never through BigDecimal arithmetic,
            // whose cost grows with a client-chosen exponent.
            double millis = number.doubleValue();
            if (!Double.isFinite(millis) || Math.abs(millis) > MAX_EPOCH_MILLIS) {
                return Optional.empty();
            }
            double whole = Math.floor(millis);
            long micros = Math.round((millis - whole) * 1000.0);
            return Optional.of(Instant.ofEpochMilli((long) whole).plus(micros, ChronoUnit.MICROS));
        } catch (ArithmeticException | DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Epoch seconds with microsecond precision, as Tracardi stores {@code session.metadata.time.timestamp}. */
    public static double epochSeconds(Instant instant) {
        Instant micros = truncate(instant);
        return BigDecimal.valueOf(micros.getEpochSecond())
                .add(BigDecimal.valueOf(micros.getNano(), 9))
                .doubleValue();
    }

    /** Seconds between two instants with microsecond precision (negative when {@code to} is earlier). */
    public static double secondsBetween(Instant from, Instant to) {
        long micros = ChronoUnit.MICROS.between(truncate(from), truncate(to));
        return BigDecimal.valueOf(micros, 6).doubleValue();
    }
}
