package org.opencdp.server.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.opencdp.server.condition.ast.Comparator;
import org.opencdp.server.condition.ast.Expression;
import org.opencdp.server.condition.ast.MatchKind;
import org.opencdp.server.condition.ast.Operand;

/**
 * Evaluates one parsed condition against a context (workflows §9.2). It never throws: a test over values of the
 * wrong kind is false and adds a warning (D31); a missing operand makes a comparison false ({@code !=} true).
 */
final class Evaluator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String conditionText;
    private final ConditionContext context;
    private final Instant now;
    private final List<String> warnings = new ArrayList<>();
    private Expression current;

    private Evaluator(String conditionText, ConditionContext context) {
        this.conditionText = conditionText;
        this.context = context;
        this.now = context.clock().instant();
    }

    static Evaluation evaluate(String conditionText, Expression root, ConditionContext context) {
        Evaluator evaluator = new Evaluator(conditionText, context);
        boolean result;
        try {
            result = evaluator.test(root);
        } catch (RuntimeException e) {
            // Not expected; the promise of D31 is that a condition never fails a flow at run time.
            evaluator.warnings.add("The condition could not be evaluated (" + e.getClass().getSimpleName() + "); it is false");
            result = false;
        }
        return new Evaluation(result, evaluator.warnings);
    }

    private boolean test(Expression expression) {
        current = expression;
        if (expression instanceof Expression.AllOf all) {
            for (Expression part : all.parts()) {
                if (!test(part)) {
                    return false;
                }
            }
            return true;
        }
        if (expression instanceof Expression.AnyOf any) {
            for (Expression part : any.parts()) {
                if (test(part)) {
                    return true;
                }
            }
            return false;
        }
        if (expression instanceof Expression.Negation negation) {
            return !test(negation.operand());
        }
        if (expression instanceof Expression.Comparison comparison) {
            return compare(comparison);
        }
        if (expression instanceof Expression.Between between) {
            return between(between);
        }
        if (expression instanceof Expression.Exists exists) {
            return exists.negated() == (read(exists.field()) instanceof Value.Missing);
        }
        if (expression instanceof Expression.IsNull isNull) {
            return isNull.negated() != value(isNull.value()).isAbsent();
        }
        if (expression instanceof Expression.IsEmpty isEmpty) {
            return isEmpty.negated() != isEmpty(value(isEmpty.value()));
        }
        return match((Expression.TextMatch) expression);
    }

    private boolean compare(Expression.Comparison comparison) {
        Value left = value(comparison.left());
        Value right = value(comparison.right());
        Comparator comparator = comparison.comparator();
        if (!comparator.isOrdering()) {
            boolean equal = comparison.right() instanceof Operand.ListLiteral list
                    ? isMember(left, list)
                    : Comparisons.equal(left, right);
            return comparator == Comparator.EQUAL ? equal : !equal;
        }
        if (left.isAbsent() || right.isAbsent()) {
            return false;
        }
        OptionalInt order = Comparisons.order(left, right);
        if (order.isEmpty()) {
            warn(comparison, "cannot order " + left.kind() + " against " + right.kind() + " with " + comparator.symbol());
            return false;
        }
        int sign = order.getAsInt();
        return switch (comparator) {
            case GREATER -> sign > 0;
            case GREATER_OR_EQUAL -> sign >= 0;
            case LESS -> sign < 0;
            case LESS_OR_EQUAL -> sign <= 0;
            default -> false;
        };
    }

    private boolean isMember(Value left, Operand.ListLiteral list) {
        if (left instanceof Value.Missing) {
            return false;
        }
        for (Operand.Literal item : list.items()) {
            if (Comparisons.equal(left, value(item))) {
                return true;
            }
        }
        return false;
    }

    private boolean between(Expression.Between between) {
        Value value = value(between.value());
        Value lower = value(between.lower());
        Value upper = value(between.upper());
        if (value.isAbsent() || lower.isAbsent() || upper.isAbsent()) {
            return false;
        }
        OptionalInt fromLower = Comparisons.order(value, lower);
        OptionalInt toUpper = Comparisons.order(value, upper);
        if (fromLower.isEmpty() || toUpper.isEmpty()) {
            warn(between, "cannot order " + value.kind() + " between " + lower.kind() + " and " + upper.kind());
            return false;
        }
        return fromLower.getAsInt() >= 0 && toUpper.getAsInt() <= 0;
    }

    private static boolean isEmpty(Value value) {
        if (value.isAbsent()) {
            return true;
        }
        if (value instanceof Value.Json json) {
            JsonNode node = json.node();
            return node.isTextual() ? node.textValue().isEmpty() : node.isContainerNode() && node.isEmpty();
        }
        return false;
    }

    private boolean match(Expression.TextMatch match) {
        Value left = value(match.left());
        Value right = value(match.right());
        if (left.isAbsent() || right instanceof Value.Missing) {
            return false;
        }
        if (left instanceof Value.Json json && json.node().isArray()) {
            JsonNode list = json.node();
            return switch (match.kind()) {
                case CONTAINS -> {
                    for (JsonNode item : list) {
                        if (Comparisons.equal(new Value.Json(item), right)) {
                            yield true;
                        }
                    }
                    yield false;
                }
                case STARTS_WITH -> !list.isEmpty() && Comparisons.equal(new Value.Json(list.get(0)), right);
                case ENDS_WITH -> !list.isEmpty() && Comparisons.equal(new Value.Json(list.get(list.size() - 1)), right);
            };
        }
        if (left instanceof Value.Json l && l.node().isTextual() && right instanceof Value.Json r && r.node().isTextual()) {
            String text = l.node().textValue();
            String part = r.node().textValue();
            return match.kind() == MatchKind.CONTAINS ? text.contains(part)
                    : match.kind() == MatchKind.STARTS_WITH ? text.startsWith(part) : text.endsWith(part);
        }
        warn(match, match.kind().keyword() + " needs a string or a list on the left and a string on the right, not "
                + left.kind() + " and " + right.kind());
        return false;
    }

    // ---- operands ----------------------------------------------------------------------------------------

    private Value value(Operand operand) {
        if (operand instanceof Operand.FieldRef field) {
            return read(field);
        }
        if (operand instanceof Operand.FunctionCall call) {
            List<Value> arguments = new ArrayList<>(call.arguments().size());
            for (Operand argument : call.arguments()) {
                arguments.add(value(argument));
            }
            Expression test = current;
            return Functions.apply(call.function(), arguments, now,
                    reason -> warn(test, call.function().functionName() + "(): " + reason, "the result is missing"));
        }
        if (operand instanceof Operand.ListLiteral list) {
            ArrayNode items = NODES.arrayNode();
            for (Operand.Literal item : list.items()) {
                items.add(item instanceof Operand.DurationLiteral duration ? NODES.textNode(duration.text())
                        : ((Value.Json) value(item)).node());
            }
            return new Value.Json(items);
        }
        return Value.of((Operand.Literal) operand);
    }

    private Value read(Operand.FieldRef field) {
        JsonNode node = field.source() == null ? context.document() : context.source(field.source());
        for (String segment : field.path()) {
            if (node == null) {
                break;
            }
            node = node.isArray() ? element(node, segment) : node.isObject() ? node.get(segment) : null;
        }
        return node == null ? Value.MISSING : new Value.Json(node);
    }

    private static JsonNode element(JsonNode list, String segment) {
        if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return list.get(Integer.parseInt(segment));
    }

    private void warn(Expression test, String reason) {
        warn(test, reason, "the test is false");
    }

    private void warn(Expression test, String reason, String consequence) {
        ConditionError where = ConditionError.at(conditionText, test.offset(), reason);
        warnings.add(test.text() + " (line " + where.line() + ", column " + where.column() + "): " + reason
                + "; " + consequence);
    }
}
