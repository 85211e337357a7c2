package org.opencdp.server.condition;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** Time-zone ids as conditions name them: region ids ({@code Europe/Warsaw}), {@code UTC} in any case, offsets. */
final class TimeZones {

    private TimeZones() {
    }

    static Optional<ZoneId> parse(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.equalsIgnoreCase("utc") || value.equalsIgnoreCase("z")) {
            return Optional.of(ZoneOffset.UTC);
        }
        try {
            return Optional.of(ZoneId.of(value));
        } catch (DateTimeException e) {
            try {
                return Optional.of(ZoneId.of(value.toUpperCase(Locale.ROOT)));
            } catch (DateTimeException again) {
                return Optional.empty();
            }
        }
    }
}
