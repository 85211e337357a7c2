package org.opencdp.server.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import org.opencdp.server.condition.ast.Operand;

/** What an operand evaluates to: missing, a JSON value (JSON null included), a datetime or a duration. */
sealed interface Value {

    Value MISSING = new Missing();

    record Missing() implements Value {
    }

    record Json(JsonNode node) implements Value {
    }

    /** Datetimes compare as instants; a value without a zone was read as UTC. */
    record DateTime(Instant instant) implements Value {
    }

    record Span(Duration duration) implements Value {
    }

    /** The value of a literal. */
    static Value of(Operand.Literal literal) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (literal instanceof Operand.StringLiteral string) {
            return new Json(nodes.textNode(string.value()));
        }
        if (literal instanceof Operand.NumberLiteral number) {
            return new Json(Numbers.node(number.value()));
        }
        if (literal instanceof Operand.BooleanLiteral bool) {
            return new Json(nodes.booleanNode(bool.value()));
        }
        if (literal instanceof Operand.DurationLiteral duration) {
            return new Span(duration.value());
        }
        return new Json(nodes.nullNode());
    }

    /** Missing or JSON null. */
    default boolean isAbsent() {
        return this instanceof Missing || this instanceof Json json && json.node().isNull();
    }

    /** The kind of value, for warnings (never the value itself, which may be personal data). */
    default String kind() {
        if (this instanceof Missing) {
            return "a missing value";
        }
        if (this instanceof DateTime) {
            return "a datetime";
        }
        if (this instanceof Span) {
            return "a duration";
        }
        JsonNode node = ((Json) this).node();
        return switch (node.getNodeType()) {
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> "a binary value";
        };
    }
}
