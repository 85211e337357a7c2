package org.opencdp.server.condition.ast;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** A value a test reads: a field, a literal, a list of literals or a function call. */
public sealed interface Operand {

    /** The 0-based index of the operand's first character in the condition text. */
    int offset();

    /** The source text of the operand. */
    String text();

    /**
     * A reference to data: {@code profile@traits.age} ({@link #source()} set) or, in a search filter, the plain path
     * {@code traits.age} ({@link #source()} null). An empty {@link #path()} is the whole source ({@code profile@...}).
     * Segments are the keys as written: {@code event@properties["first name"]} has the segments {@code properties}
     * and {@code first name}; a number segment also indexes a list.
     */
    record FieldRef(Source source, List<String> path, int offset, String text) implements Operand {
        public FieldRef {
            path = List.copyOf(path);
        }

        /** The path joined with dots, as Elasticsearch names a field ({@code traits.age}). */
        public String dottedPath() {
            return String.join(".", path);
        }
    }

    /** A list of literals, {@code ["gold", "platinum"]}; on the right of {@code ==} it means membership. */
    record ListLiteral(List<Literal> items, int offset, String text) implements Operand {
        public ListLiteral {
            items = List.copyOf(items);
        }
    }

    /** A call of one of the known functions; the name and argument count were checked by the parser (D32). */
    record FunctionCall(ConditionFunction function, List<Operand> arguments, int offset, String text) implements Operand {
        public FunctionCall {
            arguments = List.copyOf(arguments);
        }
    }

    /** A constant. */
    sealed interface Literal extends Operand {
    }

    /** {@code NULL}. */
    record NullLiteral(int offset, String text) implements Literal {
    }

    /** {@code TRUE} or {@code FALSE}. */
    record BooleanLiteral(boolean value, int offset, String text) implements Literal {
    }

    /** A number, integral or decimal, optionally signed. */
    record NumberLiteral(BigDecimal value, int offset, String text) implements Literal {
    }

    /** A double-quoted string, unescaped. */
    record StringLiteral(String value, int offset, String text) implements Literal {
    }

    /** A duration such as {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d} or {@code 1d12h}. */
    record DurationLiteral(Duration value, int offset, String text) implements Literal {
    }
}
