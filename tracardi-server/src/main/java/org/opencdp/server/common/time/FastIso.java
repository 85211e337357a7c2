package org.opencdp.server.common.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Hand-written parsing and formatting of the datetime forms that nearly every value takes: the form we emit
 * ({@code 2026-12-02T04:10:27.493482+00:00}) and the tracker's ({@code 2026-12-02T04:10:27.493Z}). The general
 * {@code DateTimeFormatter} of {@link Times} took about a sixth of a worker thread's time at one event per batch:
 * every batch parses and writes a dozen of them. Anything this class does not recognise goes to that formatter,
 * so the accepted forms and their meaning do not change.
 */
final class FastIso {

    /** Not handled here: the caller falls back to the general formatter. */
    static final Instant UNHANDLED = Instant.MIN;

    private FastIso() {
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, and {@code Z}, {@code ±HH:MM} or nothing
     * (UTC). Returns the instant, null when the text has this shape but is not a valid datetime (February 30th), or
     * {@link #UNHANDLED} for any other shape.
     */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return UNHANDLED;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return UNHANDLED;
        }
        int at = 19;
        int nanos = 0;
        if (at < length && text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && isDigit(text.charAt(at))) {
                at++;
            }
            int count = at - start;
            if (count < 1 || count > 9) {
                return UNHANDLED;
            }
            nanos = digits(text, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == length) {
            offsetSeconds = 0;
        } else if (at + 1 == length && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at + 6 == length && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
            int hours = digits(text, at + 1, 2);
            int minutes = digits(text, at + 4, 2);
            if ((hours | minutes) < 0 || minutes > 59 || hours > 18) {
                return UNHANDLED;
            }
            offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return UNHANDLED;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The emitted form of an instant already truncated to microseconds; null outside years 1 to 9999. */
    static String format(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = time.getYear();
        if (year < 1 || year > 9999) {
            return null;
        }
        char[] out = new char[32];
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, time.getHour(), 2);
        out[13] = ':';
        put(out, 14, time.getMinute(), 2);
        out[16] = ':';
        put(out, 17, time.getSecond(), 2);
        out[19] = '.';
        put(out, 20, time.getNano() / 1000, 6);
        out[26] = '+';
        out[27] = '0';
        out[28] = '0';
        out[29] = ':';
        out[30] = '0';
        out[31] = '0';
        return new String(out);
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal value of {@code count} digits from {@code from}, or -1 when one is not an ASCII digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
