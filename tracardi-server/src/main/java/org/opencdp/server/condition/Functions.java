package org.opencdp.server.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.opencdp.server.condition.ast.ConditionFunction;

/**
 * The functions of workflows §9.2, applied to evaluated arguments. A missing argument gives a missing result; an
 * argument of the wrong kind gives a missing result and a warning. Nothing here throws.
 */
final class Functions {

    private Functions() {
    }

    static Value apply(ConditionFunction function, List<Value> arguments, Instant now, Consumer<String> warn) {
        return switch (function) {
            case NOW -> arguments.isEmpty() ? new Value.DateTime(now) : zone(arguments.get(0), warn).map(zone -> now(now)).orElse(Value.MISSING);
            case UTCNOW -> now(now);
            case NOW_OFFSET -> duration(arguments.get(0), warn).map(offset -> shift(now, offset, warn)).orElse(Value.MISSING);
            case NOW_TIMEZONE -> zone(arguments.get(0), warn).map(zone -> now(now)).orElse(Value.MISSING);
            case NOW_TIMEZONE_OFFSET -> zone(arguments.get(0), warn).isEmpty() ? Value.MISSING
                    : duration(arguments.get(1), warn).map(offset -> shift(now, offset, warn)).orElse(Value.MISSING);
            case DATETIME -> datetime(arguments.get(0), warn);
            case DATETIME_OFFSET -> {
                Value base = datetime(arguments.get(0), warn);
                yield base instanceof Value.DateTime time
                        ? duration(arguments.get(1), warn).map(offset -> shift(time.instant(), offset, warn)).orElse(Value.MISSING)
                        : Value.MISSING;
            }
            case DATETIME_TIMEZONE -> timezone(arguments.get(0), arguments.get(1), warn);
            case DATETIME_FROM_TIMESTAMP -> fromTimestamp(arguments.get(0), warn);
            case LOWERCASE -> changeCase(arguments.get(0), text -> text.toLowerCase(Locale.ROOT), warn);
            case UPPERCASE -> changeCase(arguments.get(0), text -> text.toUpperCase(Locale.ROOT), warn);
        };
    }

    private static Value now(Instant now) {
        // Datetimes compare as instants, so "now" in any zone is the same value.
        return new Value.DateTime(now);
    }

    private static Value shift(Instant instant, Duration offset, Consumer<String> warn) {
        try {
            return new Value.DateTime(instant.plus(offset));
        } catch (DateTimeException | ArithmeticException e) {
            warn.accept("the offset moves the datetime out of range");
            return Value.MISSING;
        }
    }

    private static Value datetime(Value value, Consumer<String> warn) {
        if (value instanceof Value.DateTime) {
            return value;
        }
        if (value.isAbsent()) {
            return Value.MISSING;
        }
        if (value instanceof Value.Json json) {
            Optional<Instant> parsed = DateTimes.parse(json.node());
            if (parsed.isPresent()) {
                return new Value.DateTime(parsed.get());
            }
        }
        warn.accept("got " + value.kind() + " that is not a datetime");
        return Value.MISSING;
    }

    private static Value timezone(Value value, Value zoneValue, Consumer<String> warn) {
        Optional<ZoneId> zone = zone(zoneValue, warn);
        if (zone.isEmpty() || value.isAbsent()) {
            return Value.MISSING;
        }
        if (value instanceof Value.DateTime) {
            return value;
        }
        if (value instanceof Value.Json json) {
            Optional<Instant> parsed = DateTimes.parseIn(json.node(), zone.get());
            if (parsed.isPresent()) {
                return new Value.DateTime(parsed.get());
            }
        }
        warn.accept("got " + value.kind() + " that is not a datetime");
        return Value.MISSING;
    }

    private static Value fromTimestamp(Value value, Consumer<String> warn) {
        if (value.isAbsent()) {
            return Value.MISSING;
        }
        if (value instanceof Value.Json json) {
            Optional<Instant> parsed = DateTimes.fromEpochSeconds(json.node());
            if (parsed.isPresent()) {
                return new Value.DateTime(parsed.get());
            }
        }
        warn.accept("got " + value.kind() + " that is not a number of epoch seconds");
        return Value.MISSING;
    }

    private static Value changeCase(Value value, UnaryOperator<String> change, Consumer<String> warn) {
        if (value.isAbsent()) {
            return Value.MISSING;
        }
        if (value instanceof Value.Json json && json.node().isTextual()) {
            return new Value.Json(JsonNodeFactory.instance.textNode(change.apply(json.node().textValue())));
        }
        if (value instanceof Value.Json json && json.node().isArray()) {
            // Lists of strings change element by element, so lowercase(profile@segments) CONTAINS "vip" works.
            ArrayNode changed = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : json.node()) {
                changed.add(item.isTextual() ? JsonNodeFactory.instance.textNode(change.apply(item.textValue())) : item);
            }
            return new Value.Json(changed);
        }
        warn.accept("got " + value.kind() + " instead of a string");
        return Value.MISSING;
    }

    private static Optional<ZoneId> zone(Value value, Consumer<String> warn) {
        if (value instanceof Value.Json json && json.node().isTextual()) {
            Optional<ZoneId> zone = TimeZones.parse(json.node().textValue());
            if (zone.isEmpty()) {
                warn.accept("unknown time zone");
            }
            return zone;
        }
        if (!(value instanceof Value.Missing)) {
            warn.accept("expected a time zone name but got " + value.kind());
        }
        return Optional.empty();
    }

    private static Optional<Duration> duration(Value value, Consumer<String> warn) {
        if (value instanceof Value.Span span) {
            return Optional.of(span.duration());
        }
        if (value instanceof Value.Json json && json.node().isTextual()) {
            Optional<Duration> duration = Durations.parse(json.node().textValue());
            if (duration.isEmpty()) {
                warn.accept("expected a duration such as \"-30d\" but got a string that is not one");
            }
            return duration;
        }
        if (!(value instanceof Value.Missing)) {
            warn.accept("expected a duration such as \"-30d\" but got " + value.kind());
        }
        return Optional.empty();
    }
}
