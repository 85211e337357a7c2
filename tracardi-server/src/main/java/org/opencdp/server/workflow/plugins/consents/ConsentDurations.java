package org.opencdp.server.workflow.plugins.consents;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code auto_revoke} durations of consent types (domain-model §10): {@code 30d}, {@code 1y}, {@code 12h},
 * {@code 15m}, {@code 2w}, {@code 45s}, also combined ({@code 1d12h}). A year counts 365 days.
 */
final class ConsentDurations {

    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(y|w|d|h|m|s)");

    private ConsentDurations() {
    }

    /** @throws IllegalArgumentException when the text is not such a duration */
    static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        Matcher matcher = PART.matcher(value);
        Duration total = Duration.ZERO;
        int at = 0;
        while (matcher.find() && matcher.start() == at) {
            long amount = Long.parseLong(matcher.group(1));
            total = total.plus(switch (matcher.group(2)) {
                case "y" -> Duration.ofDays(365 * amount);
                case "w" -> Duration.ofDays(7 * amount);
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
            at = matcher.end();
        }
        if (value.isEmpty() || at != value.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30d, 1y or 12h.");
        }
        return total;
    }
}
