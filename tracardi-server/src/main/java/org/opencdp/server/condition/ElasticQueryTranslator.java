package org.opencdp.server.condition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.condition.ast.Comparator;
import org.opencdp.server.condition.ast.Expression;
import org.opencdp.server.condition.ast.MatchKind;
import org.opencdp.server.condition.ast.Operand;

/** Builds the Elasticsearch query JSON of one parsed filter (see {@link ElasticFilters} for the mapping). */
final class ElasticQueryTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final Instant now;

    ElasticQueryTranslator(String text, Instant now) {
        this.text = text;
        this.now = now;
    }

    ObjectNode translate(Expression expression) {
        if (expression instanceof Expression.AllOf all) {
            return bool("filter", all.parts().stream().map(this::translate).toList());
        }
        if (expression instanceof Expression.AnyOf any) {
            ObjectNode query = bool("should", any.parts().stream().map(this::translate).toList());
            ((ObjectNode) query.get("bool")).put("minimum_should_match", 1);
            return query;
        }
        if (expression instanceof Expression.Negation negation) {
            return not(translate(negation.operand()));
        }
        if (expression instanceof Expression.Comparison comparison) {
            return comparison(comparison);
        }
        if (expression instanceof Expression.Between between) {
            String field = field(between.value());
            ObjectNode bounds = NODES.objectNode();
            bounds.set("gte", orderable(between.lower()));
            bounds.set("lte", orderable(between.upper()));
            return leaf("range", field, bounds);
        }
        if (expression instanceof Expression.Exists exists) {
            ObjectNode query = exists(field(exists.field()));
            return exists.negated() ? not(query) : query;
        }
        if (expression instanceof Expression.IsNull isNull) {
            ObjectNode query = exists(field(isNull.value()));
            return isNull.negated() ? query : not(query);
        }
        if (expression instanceof Expression.IsEmpty isEmpty) {
            String field = field(isEmpty.value());
            // "lenient" keeps a numeric or date field from failing the search on the empty string.
            ObjectNode emptyString = NODES.objectNode();
            emptyString.put("query", "").put("lenient", true);
            ObjectNode empty = bool("should", List.of(not(exists(field)), leaf("match", field, emptyString)));
            ((ObjectNode) empty.get("bool")).put("minimum_should_match", 1);
            return isEmpty.negated() ? not(empty) : empty;
        }
        return match((Expression.TextMatch) expression);
    }

    private ObjectNode comparison(Expression.Comparison comparison) {
        String field = field(comparison.left());
        Comparator comparator = comparison.comparator();
        if (comparator.isOrdering()) {
            ObjectNode bound = NODES.objectNode();
            bound.set(switch (comparator) {
                case GREATER -> "gt";
                case GREATER_OR_EQUAL -> "gte";
                case LESS -> "lt";
                default -> "lte";
            }, orderable(comparison.right()));
            return leaf("range", field, bound);
        }
        ObjectNode equal = equality(field, constant(comparison.right()), comparison.right());
        return comparator == Comparator.EQUAL ? equal : not(equal);
    }

    private ObjectNode equality(String field, JsonNode value, Operand operand) {
        if (value.isNull()) {
            return not(exists(field));
        }
        if (value.isArray()) {
            ArrayNode values = NODES.arrayNode();
            boolean withNull = false;
            for (JsonNode item : value) {
                if (item.isNull()) {
                    withNull = true;
                } else {
                    values.add(item);
                }
            }
            List<ObjectNode> alternatives = new ArrayList<>();
            if (!values.isEmpty()) {
                alternatives.add(leaf("terms", field, values));
            }
            if (withNull) {
                alternatives.add(not(exists(field)));
            }
            if (alternatives.isEmpty()) {
                ObjectNode none = NODES.objectNode();
                none.putObject("match_none");
                return none;
            }
            if (alternatives.size() == 1) {
                return alternatives.get(0);
            }
            ObjectNode either = bool("should", alternatives);
            ((ObjectNode) either.get("bool")).put("minimum_should_match", 1);
            return either;
        }
        if (value.isContainerNode()) {
            throw unsupported(operand, "An object cannot be compared in a search filter");
        }
        return leaf("term", field, value);
    }

    private ObjectNode match(Expression.TextMatch match) {
        String field = field(match.left());
        JsonNode value = constant(match.right());
        if (value.isTextual()) {
            String escaped = escapeWildcard(value.textValue());
            ObjectNode pattern = NODES.objectNode();
            if (match.kind() == MatchKind.STARTS_WITH) {
                pattern.put("value", value.textValue());
                return leaf("prefix", field, pattern);
            }
            pattern.put("value", match.kind() == MatchKind.CONTAINS ? "*" + escaped + "*" : "*" + escaped);
            return leaf("wildcard", field, pattern);
        }
        if (match.kind() == MatchKind.CONTAINS && (value.isNumber() || value.isBoolean())) {
            // A number or boolean can only be an element of a list: Elasticsearch matches list elements with term.
            return leaf("term", field, value);
        }
        throw unsupported(match.right(), match.kind().keyword() + " needs a string in a search filter"
                + (match.kind() == MatchKind.CONTAINS ? " (or a number or boolean list element)" : ""));
    }

    // ---- operands ----------------------------------------------------------------------------------------

    private String field(Operand operand) {
        if (operand instanceof Operand.FieldRef field && !field.path().isEmpty()) {
            return field.dottedPath();
        }
        if (operand instanceof Operand.FunctionCall call) {
            throw unsupported(operand, "A function of a field (" + call.function().functionName()
                    + ") cannot be used in a search filter");
        }
        throw unsupported(operand, "A search filter needs a field here");
    }

    /** A value a range can use: a number or a string (datetimes become strings). */
    private JsonNode orderable(Operand operand) {
        JsonNode value = constant(operand);
        if (!value.isNumber() && !value.isTextual()) {
            throw unsupported(operand, "A range in a search filter needs a number, a string or a datetime, not "
                    + new Value.Json(value).kind());
        }
        return value;
    }

    /** The JSON value of a constant operand; functions with constant arguments are computed now. */
    private JsonNode constant(Operand operand) {
        if (operand instanceof Operand.FieldRef) {
            throw unsupported(operand, "Two fields cannot be compared in a search filter (write text in double quotes)");
        }
        if (operand instanceof Operand.DurationLiteral) {
            throw unsupported(operand, "A duration cannot be compared in a search filter");
        }
        if (operand instanceof Operand.ListLiteral list) {
            ArrayNode items = NODES.arrayNode();
            list.items().forEach(item -> items.add(constant(item)));
            return items;
        }
        Value value = evaluate(operand);
        if (value instanceof Value.Json json) {
            return json.node();
        }
        if (value instanceof Value.DateTime dateTime) {
            return NODES.textNode(Times.format(dateTime.instant()));
        }
        if (value instanceof Value.Span) {
            throw unsupported(operand, "A duration cannot be compared in a search filter");
        }
        throw unsupported(operand, "The function gives no value");
    }

    private Value evaluate(Operand operand) {
        if (operand instanceof Operand.FunctionCall call) {
            List<Value> arguments = new ArrayList<>();
            for (Operand argument : call.arguments()) {
                if (argument instanceof Operand.FieldRef) {
                    throw unsupported(argument, "A function of a field cannot be used in a search filter");
                }
                arguments.add(evaluate(argument));
            }
            List<String> problems = new ArrayList<>();
            Value result = Functions.apply(call.function(), arguments, now, problems::add);
            if (!problems.isEmpty()) {
                throw unsupported(operand, "In a search filter, " + call.function().functionName() + "() " + problems.get(0));
            }
            return result;
        }
        if (operand instanceof Operand.Literal literal) {
            return Value.of(literal);
        }
        return new Value.Json(constant(operand));
    }

    // ---- query JSON --------------------------------------------------------------------------------------

    private static ObjectNode bool(String occurrence, List<ObjectNode> clauses) {
        ObjectNode query = NODES.objectNode();
        ArrayNode list = query.putObject("bool").putArray(occurrence);
        clauses.forEach(list::add);
        return query;
    }

    private static ObjectNode not(ObjectNode clause) {
        return bool("must_not", List.of(clause));
    }

    private static ObjectNode exists(String field) {
        ObjectNode query = NODES.objectNode();
        query.putObject("exists").put("field", field);
        return query;
    }

    private static ObjectNode leaf(String type, String field, JsonNode body) {
        ObjectNode query = NODES.objectNode();
        query.putObject(type).set(field, body);
        return query;
    }

    private static String escapeWildcard(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 4);
        for (char c : value.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private FilterTranslationException unsupported(Operand operand, String reason) {
        return FilterTranslationException.at(text, operand.offset(), reason + "; found " + operand.text());
    }
}
