package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes written as {@code 2MiB}, {@code 512KiB}, {@code 1GiB} or a bare number of bytes. */
public record ByteSize(long bytes) {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|kb|mib|mb|gib|gb)?");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
    }

    @JsonCreator
    public static ByteSize parse(Object value) {
        if (value instanceof Number number) {
            return new ByteSize(number.longValue());
        }
        String text = String.valueOf(value);
        Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (use 2MiB, 512KiB or bytes)");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        long factor = switch (unit) {
            case "kib", "kb" -> 1024L;
            case "mib", "mb" -> 1024L * 1024;
            case "gib", "gb" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return new ByteSize(Math.multiplyExact(amount, factor));
    }

    public static ByteSize ofMebibytes(long mebibytes) {
        return new ByteSize(mebibytes * 1024 * 1024);
    }

    @JsonValue
    @Override
    public String toString() {
        return bytes + "B";
    }
}
