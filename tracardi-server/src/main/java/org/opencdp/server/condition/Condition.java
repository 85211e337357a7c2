package org.opencdp.server.condition;

import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.condition.ast.Expression;
import org.opencdp.server.condition.ast.Operand;

/**
 * A parsed condition: immutable, thread-safe and cheap to evaluate many times. Obtain one from
 * {@link Conditions#parse(String)} (workflow conditions) or {@link Conditions#parseFilter(String)} (search filters).
 */
public final class Condition {

    private final String text;
    private final Syntax syntax;
    private final Expression root;
    private final List<Operand.FieldRef> fields;

    Condition(String text, Syntax syntax, Expression root) {
        this.text = text;
        this.syntax = syntax;
        this.root = root;
        List<Operand.FieldRef> found = new ArrayList<>();
        collectFields(root, found);
        this.fields = List.copyOf(found);
    }

    /**
     * Evaluates the condition. Never throws (D31): tests over values of the wrong kind are false and are reported
     * in {@link Evaluation#warnings()}.
     */
    public Evaluation evaluate(ConditionContext context) {
        return Evaluator.evaluate(text, root, context);
    }

    /** {@link #evaluate(ConditionContext)} without the warnings. */
    public boolean matches(ConditionContext context) {
        return evaluate(context).result();
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    public Syntax syntax() {
        return syntax;
    }

    /** The syntax tree. */
    public Expression root() {
        return root;
    }

    /** Every field the condition reads, in text order; callers use it to check which sources a condition needs. */
    public List<Operand.FieldRef> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return text;
    }

    private static void collectFields(Expression expression, List<Operand.FieldRef> into) {
        if (expression instanceof Expression.AllOf all) {
            all.parts().forEach(part -> collectFields(part, into));
        } else if (expression instanceof Expression.AnyOf any) {
            any.parts().forEach(part -> collectFields(part, into));
        } else if (expression instanceof Expression.Negation negation) {
            collectFields(negation.operand(), into);
        } else if (expression instanceof Expression.Comparison comparison) {
            collectFields(comparison.left(), into);
            collectFields(comparison.right(), into);
        } else if (expression instanceof Expression.Between between) {
            collectFields(between.value(), into);
            collectFields(between.lower(), into);
            collectFields(between.upper(), into);
        } else if (expression instanceof Expression.Exists exists) {
            into.add(exists.field());
        } else if (expression instanceof Expression.IsNull isNull) {
            collectFields(isNull.value(), into);
        } else if (expression instanceof Expression.IsEmpty isEmpty) {
            collectFields(isEmpty.value(), into);
        } else if (expression instanceof Expression.TextMatch match) {
            collectFields(match.left(), into);
            collectFields(match.right(), into);
        }
    }

    private static void collectFields(Operand operand, List<Operand.FieldRef> into) {
        if (operand instanceof Operand.FieldRef field) {
            into.add(field);
        } else if (operand instanceof Operand.FunctionCall call) {
            call.arguments().forEach(argument -> collectFields(argument, into));
        }
    }
}
