package org.opencdp.server.condition.ast;

import java.util.List;

/**
 * A boolean node of a condition. {@link #offset()} is the 0-based index of its first character in the condition
 * text and {@link #text()} the source text it was parsed from (used in warnings, never a value of the data).
 */
public sealed interface Expression {

    int offset();

    String text();

    /** {@code a AND b AND …}: true when every part is true (evaluated left to right, stops at the first false). */
    record AllOf(List<Expression> parts, int offset, String text) implements Expression {
        public AllOf {
            parts = List.copyOf(parts);
        }
    }

    /** {@code a OR b OR …}: true when any part is true (evaluated left to right, stops at the first true). */
    record AnyOf(List<Expression> parts, int offset, String text) implements Expression {
        public AnyOf {
            parts = List.copyOf(parts);
        }
    }

    /** {@code NOT <operand>}: our extension of the grammar, the negation of a test or a parenthesised condition. */
    record Negation(Expression operand, int offset, String text) implements Expression {
    }

    /** {@code left <comparator> right}. */
    record Comparison(Operand left, Comparator comparator, Operand right, int offset, String text) implements Expression {
    }

    /** {@code value BETWEEN lower AND upper}, inclusive at both ends. */
    record Between(Operand value, Operand lower, Operand upper, int offset, String text) implements Expression {
    }

    /** {@code field [NOT] EXISTS}: whether the key is present (even with a null value). */
    record Exists(Operand.FieldRef field, boolean negated, int offset, String text) implements Expression {
    }

    /** {@code value IS [NOT] NULL}: null or missing. */
    record IsNull(Operand value, boolean negated, int offset, String text) implements Expression {
    }

    /** {@code value [NOT] EMPTY}: missing, null, {@code ""}, {@code []} or <code>{}</code>. */
    record IsEmpty(Operand value, boolean negated, int offset, String text) implements Expression {
    }

    /** {@code left CONTAINS | STARTS WITH | ENDS WITH right}. */
    record TextMatch(Operand left, MatchKind kind, Operand right, int offset, String text) implements Expression {
    }
}
