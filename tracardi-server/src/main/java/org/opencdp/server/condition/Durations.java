package org.opencdp.server.condition;

import java.time.Duration;
import java.util.Optional;

/**
 * Durations of the condition language: {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}, optionally signed and
 * combined ({@code -1d12h}). Whitespace around the text and between groups is tolerated.
 */
public final class Durations {

    /** A duration longer than this (about 27 000 years) is refused rather than risking an overflow. */
    private static final long MAX_SECONDS = 864_000_000_000L;

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        int i = 0;
        boolean negative = false;
        if (!value.isEmpty() && (value.charAt(0) == '+' || value.charAt(0) == '-')) {
            negative = value.charAt(0) == '-';
            i++;
        }
        long seconds = 0;
        int groups = 0;
        while (i < value.length()) {
            while (i < value.length() && value.charAt(i) == ' ') {
                i++;
            }
            int digits = i;
            while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                i++;
            }
            if (i == digits || i - digits > 12 || i >= value.length()) {
                return Optional.empty();
            }
            long amount = Long.parseLong(value.substring(digits, i));
            long unit = switch (value.charAt(i)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86_400;
                default -> -1;
            };
            if (unit < 0) {
                return Optional.empty();
            }
            i++;
            seconds += amount * unit;
            if (seconds > MAX_SECONDS) {
                return Optional.empty();
            }
            groups++;
        }
        if (groups == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(negative ? -seconds : seconds));
    }
}
