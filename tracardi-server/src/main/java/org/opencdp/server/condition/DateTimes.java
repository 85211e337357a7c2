package org.opencdp.server.condition;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.opencdp.server.common.time.Times;

/** Reading datetimes inside conditions: the accepted forms of {@link Times}, and epoch seconds. */
final class DateTimes {

    private DateTimes() {
    }

    /** A string in an accepted form (no zone means UTC) or epoch milliseconds as a number. */
    static Optional<Instant> parse(JsonNode value) {
        return Times.parse(value);
    }

    /**
     * Like {@link #parse(JsonNode)}, but a string without a zone is local time in {@code zone} instead of UTC.
     * A string with a zone keeps its instant.
     */
    static Optional<Instant> parseIn(JsonNode value, ZoneId zone) {
        Optional<Instant> parsed = Times.parse(value);
        if (parsed.isEmpty() || !value.isTextual() || !isNaive(value.textValue())) {
            return parsed;
        }
        try {
            return Optional.of(LocalDateTime.ofInstant(parsed.get(), ZoneOffset.UTC).atZone(zone).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Epoch seconds, integral or fractional, as a number or a numeric string. */
    static Optional<Instant> fromEpochSeconds(JsonNode value) {
        try {
            BigDecimal seconds;
            if (value.isNumber()) {
                seconds = value.decimalValue();
            } else if (value.isTextual() && value.textValue().strip().matches("[+-]?\\d{1,15}(\\.\\d{1,9})?")) {
                seconds = new BigDecimal(value.textValue().strip());
            } else {
                return Optional.empty();
            }
            if (seconds.abs().compareTo(BigDecimal.valueOf(1e14)) > 0) {
                return Optional.empty();
            }
            long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP)
                    .longValueExact();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        } catch (ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a datetime text carries no zone: nothing after the time but digits, {@code :} and a fraction. */
    static boolean isNaive(String text) {
        String value = text.strip();
        if (value.length() <= 10) {
            return true;
        }
        String time = value.substring(11);
        for (int i = 0; i < time.length(); i++) {
            char c = time.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+' || c == '-' || c == '[') {
                return false;
            }
        }
        return true;
    }
}
