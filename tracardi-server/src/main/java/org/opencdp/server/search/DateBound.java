package org.opencdp.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * One end of a search range, {@code minDate} or {@code maxDate} (private-api §3.16):
 * {@code {"absolute": {year, month, date, hour, minute, second, meridiem, timeZone}, "delta": {value, entity}}}.
 * The absolute date (UTC, 24-hour clock) or, when it is absent or incomplete, now; then moved by the delta.
 */
public final class DateBound {

    private DateBound() {
    }

    /** A bound that cannot be read; the API answers 422 naming the field. */
    public static final class InvalidBound extends Exception {
        private final String field;

        public InvalidBound(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Whether the bound says anything (else the caller's default applies). */
    public static boolean isSet(JsonNode bound) {
        return bound != null && bound.isObject() && (isObject(bound.get("absolute")) || isObject(bound.get("delta")));
    }

    /** The instant the bound names, {@code now} being the reference for relative and incomplete bounds. */
    public static Instant resolve(String field, JsonNode bound, Instant now) throws InvalidBound {
        if (bound != null && !bound.isNull() && !bound.isObject()) {
            throw new InvalidBound(field, "must be an object with absolute and/or delta");
        }
        Instant base = now;
        JsonNode absolute = bound == null ? null : bound.get("absolute");
        if (isObject(absolute) && complete(absolute)) {
            try {
                base = LocalDateTime.of(number(field, absolute, "year"), number(field, absolute, "month"),
                        number(field, absolute, "date"), number(field, absolute, "hour"), number(field, absolute, "minute"),
                        number(field, absolute, "second")).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw new InvalidBound(field, "is not a valid date: " + e.getMessage());
            }
        }
        JsonNode delta = bound == null ? null : bound.get("delta");
        if (isObject(delta)) {
            JsonNode value = delta.get("value");
            if (value == null || !value.canConvertToLong()) {
                throw new InvalidBound(field, "delta.value must be a whole number");
            }
            long amount = value.asLong();
            if (Math.abs(amount) > 1_000_000) {
                throw new InvalidBound(field, "delta.value is out of range");
            }
            Duration unit = unit(field, delta.path("entity").asText(""));
            try {
                base = base.plus(unit.multipliedBy(amount));
            } catch (DateTimeException | ArithmeticException e) {
                throw new InvalidBound(field, "delta moves the date out of range");
            }
        }
        return base;
    }

    private static Duration unit(String field, String entity) throws InvalidBound {
        String name = entity.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith("s")) {
            name = name.substring(0, name.length() - 1);
        }
        return switch (name) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            case "week" -> Duration.ofDays(7);
            case "month" -> Duration.ofDays(31);
            case "year" -> Duration.ofDays(365);
            default -> throw new InvalidBound(field, "delta.entity must be second, minute, hour, day, week, month or year");
        };
    }

    private static boolean complete(JsonNode absolute) {
        for (String part : new String[]{"year", "month", "date", "hour", "minute", "second"}) {
            JsonNode value = absolute.get(part);
            if (value == null || value.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static int number(String field, JsonNode absolute, String part) throws InvalidBound {
        JsonNode value = absolute.get(part);
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        if (value.isTextual()) {
            try {
                return Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidBound(field, "absolute." + part + " must be a whole number");
    }

    private static boolean isObject(JsonNode node) {
        return node != null && node.isObject();
    }
}
