package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** Time granularity of a partitioned index kind, and the index-name suffix of a partition. */
public enum Partitioning {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    @JsonCreator
    public static Partitioning parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Partitioning partitioning : values()) {
            if (partitioning.label().equals(value)) {
                return partitioning;
            }
        }
        throw new IllegalArgumentException("unknown partitioning '" + text + "' (expected day, week, month, quarter or year)");
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The partition suffix of an instant: {@code 2024-03-27}, {@code 2024-w13}, {@code 2024-03}, {@code 2024-q1}, {@code 2024}. */
    public String suffix(ZonedDateTime time) {
        LocalDate date = time.withZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        return switch (this) {
            case DAY -> date.toString();
            case WEEK -> String.format(Locale.ROOT, "%d-w%02d",
                    date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> String.format(Locale.ROOT, "%d-%02d", date.getYear(), date.getMonthValue());
            case QUARTER -> String.format(Locale.ROOT, "%d-q%d", date.getYear(), date.get(IsoFields.QUARTER_OF_YEAR));
            case YEAR -> Integer.toString(date.getYear());
        };
    }
}
