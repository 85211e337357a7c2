package org.opencdp.server.storage.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times as documents carry them. The server emits {@code 2024-03-27T10:00:01.020000+00:00} (Tracardi's
 * Python {@code isoformat()} of a UTC time); documents may also hold other ISO-8601 forms,
 * {@code yyyy-MM-dd HH:mm:ss} (UTC) or epoch milliseconds, the formats the mappings accept.
 */
public final class ElasticTimes {

    /** The format the server writes: microseconds and an explicit {@code +00:00} offset. */
    public static final DateTimeFormatter EMITTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]");

    private ElasticTimes() {
    }

    public static String format(Instant time) {
        return EMITTED.format(time);
    }

    /** The instant of a JSON time value, or empty when it is missing, null or not a time. */
    public static Optional<Instant> parse(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(Instant.ofEpochMilli(value.asLong()));
        }
        return value.isTextual() ? parse(value.asText()) : Optional.empty();
    }

    /** The instant of a time text in one of the accepted forms, or empty. A text without offset is UTC. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        String iso = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) + "T" + value.substring(11) : value;
        try {
            return Optional.of(OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException ignored) {
            // no offset, or another form
        }
        try {
            return Optional.of(LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // not the spaced form
        }
        try {
            return Optional.of(LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }
}
