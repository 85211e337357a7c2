package org.opencdp.server.workflow.plugins.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugins.Numbers;

/**
 * One line of the Calculator's language: {@code [<ref or name> =] <expression>} with {@code + - * /},
 * parentheses, unary minus, numbers, dot references (missing → 0) and names assigned on earlier lines.
 * Parsed once by recursive descent when the flow compiles.
 */
final class Calculation {

    /** An arithmetic expression tree. */
    interface Expr {
        double eval(DotAccessor dots, Map<String, Double> variables);
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<field>(?:payload|profile|event|session|flow|memory)@[A-Za-z0-9_.\\-\\[\\]\"]+)"
                    + "|(?<number>\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)|(?<name>[A-Za-z_][A-Za-z0-9_.]*)|(?<op>[-+*/()=]))");

    private final String target;
    private final Expr expression;

    private Calculation(String target, Expr expression) {
        this.target = target;
        this.expression = expression;
    }

    /** What the line assigns to (a dot reference or a name as written), or null for a bare expression. */
    String target() {
        return target;
    }

    double evaluate(DotAccessor dots, Map<String, Double> variables) {
        return expression.eval(dots, variables);
    }

    /** @throws IllegalArgumentException naming the problem when the line is not valid */
    static Calculation parse(String line) {
        return new Parser(tokenize(line), line).line();
    }

    private static List<String> tokenize(String line) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(line);
        int at = 0;
        while (at < line.length()) {
            if (line.substring(at).isBlank()) {
                break;
            }
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("Unexpected character at position " + (at + 1) + " in '" + line + "'.");
            }
            tokens.add(matcher.group().trim());
            at = matcher.end();
        }
        return tokens;
    }

    private static final class Parser {
        private final List<String> tokens;
        private final String line;
        private int position;

        Parser(List<String> tokens, String line) {
            this.tokens = tokens;
            this.line = line;
        }

        Calculation line() {
            String target = null;
            if (tokens.size() > 1 && tokens.get(1).equals("=")) {
                target = tokens.get(0);
                if (!isField(target) && !isName(target)) {
                    throw error("Cannot assign to '" + target + "'");
                }
                position = 2;
            }
            Expr expr = sum();
            if (position < tokens.size()) {
                throw error("Unexpected '" + tokens.get(position) + "'");
            }
            return new Calculation(target, expr);
        }

        private Expr sum() {
            Expr left = product();
            while (peek("+") || peek("-")) {
                boolean plus = tokens.get(position++).equals("+");
                Expr l = left;
                Expr right = product();
                left = plus ? (d, v) -> l.eval(d, v) + right.eval(d, v) : (d, v) -> l.eval(d, v) - right.eval(d, v);
            }
            return left;
        }

        private Expr product() {
            Expr left = atom();
            while (peek("*") || peek("/")) {
                boolean times = tokens.get(position++).equals("*");
                Expr l = left;
                Expr right = atom();
                left = times ? (d, v) -> l.eval(d, v) * right.eval(d, v) : (d, v) -> {
                    double divisor = right.eval(d, v);
                    if (divisor == 0) {
                        throw new ArithmeticException("Division by zero in '" + line + "'.");
                    }
                    return l.eval(d, v) / divisor;
                };
            }
            return left;
        }

        private Expr atom() {
            if (position >= tokens.size()) {
                throw error("The expression ends too early");
            }
            String token = tokens.get(position++);
            if (token.equals("-")) {
                Expr inner = atom();
                return (d, v) -> -inner.eval(d, v);
            }
            if (token.equals("(")) {
                Expr inner = sum();
                if (!peek(")")) {
                    throw error("Missing ')'");
                }
                position++;
                return inner;
            }
            if (Character.isDigit(token.charAt(0))) {
                double number = Double.parseDouble(token);
                return (d, v) -> number;
            }
            if (isField(token)) {
                DotReference reference = DotReference.parse(token).orElseThrow(() -> error("Bad reference '" + token + "'"));
                return (d, v) -> field(d, reference);
            }
            if (isName(token)) {
                return (d, v) -> {
                    Double value = v.get(token);
                    if (value == null) {
                        throw new IllegalArgumentException("Variable '" + token + "' is not assigned before '" + line + "'.");
                    }
                    return value;
                };
            }
            throw error("Unexpected '" + token + "'");
        }

        private boolean peek(String token) {
            return position < tokens.size() && tokens.get(position).equals(token);
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException(message + " in '" + line + "'.");
        }
    }

    private static double field(DotAccessor dots, DotReference reference) {
        Optional<JsonNode> value = dots.read(reference);
        if (value.isEmpty() || value.get().isNull()) {
            return 0;
        }
        OptionalDouble number = Numbers.of(value.get());
        if (number.isEmpty()) {
            throw new IllegalArgumentException("Field " + reference + " is not a number: " + value.get());
        }
        return number.getAsDouble();
    }

    private static boolean isField(String token) {
        return token.contains("@");
    }

    private static boolean isName(String token) {
        return Character.isLetter(token.charAt(0)) || token.charAt(0) == '_';
    }
}
