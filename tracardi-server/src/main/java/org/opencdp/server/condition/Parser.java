package org.opencdp.server.condition;

import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.condition.ast.Comparator;
import org.opencdp.server.condition.ast.ConditionFunction;
import org.opencdp.server.condition.ast.Expression;
import org.opencdp.server.condition.ast.MatchKind;
import org.opencdp.server.condition.ast.Operand;
import org.opencdp.server.condition.ast.Source;

/**
 * Recursive-descent parser for the grammar of workflows §9.1, plus two extensions that only accept more:
 * {@code NOT <operand>} negates a test or a parenthesised condition, and the bounds of {@code BETWEEN} and function
 * arguments may also be fields or calls. One level of a condition may not mix {@code AND} with {@code OR}.
 */
final class Parser {

    private static final String OPERATORS = "an operator (==, !=, >, >=, <, <=), BETWEEN, IS [NOT] NULL, [NOT] EXISTS, "
            + "[NOT] EMPTY, CONTAINS, STARTS WITH or ENDS WITH";

    /** Deeper nesting is refused so a hostile text cannot exhaust the stack of the parser or the evaluator. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private final Syntax syntax;
    private int depth;
    private final List<Token> tokens;
    private int index;
    private int previousEnd;

    private Parser(String text, Syntax syntax) {
        this.text = text;
        this.syntax = syntax;
        this.tokens = Lexer.tokens(text);
    }

    static Expression parse(String text, Syntax syntax) {
        if (text == null || text.isBlank()) {
            throw ConditionParseException.at(text == null ? "" : text, 0, "Expected a condition but found an empty text");
        }
        Parser parser = new Parser(text, syntax);
        Expression condition = parser.condition(null);
        Token extra = parser.peek();
        if (extra.type() != Token.Type.END) {
            throw parser.error(extra, extra.type() == Token.Type.RIGHT_PAREN
                    ? "Expected end of condition but found \")\" without a matching \"(\""
                    : "Expected " + parser.continuation(condition) + " or end of condition but found " + extra.describe());
        }
        return condition;
    }

    // ---- logic -------------------------------------------------------------------------------------------

    /** {@code and-chain | or-chain}; {@code group} is the opening parenthesis, or null at the top level. */
    private Expression condition(Token group) {
        int start = peek().start();
        Expression first = operand();
        Token joint = peek();
        if (!joint.isKeyword("AND") && !joint.isKeyword("OR")) {
            return first;
        }
        boolean and = joint.isKeyword("AND");
        String keyword = and ? "AND" : "OR";
        List<Expression> parts = new ArrayList<>(List.of(first));
        while (peek().isKeyword(keyword)) {
            next();
            parts.add(operand());
        }
        Token after = peek();
        if (after.isKeyword(and ? "OR" : "AND")) {
            throw error(after, "Expected " + keyword + (group == null ? " or end of condition" : " or \")\"") + " but found "
                    + after.describe() + " (AND and OR cannot be mixed at one level: add parentheses, e.g. (a AND b) OR c)");
        }
        String written = slice(start);
        return and ? new Expression.AllOf(parts, start, written) : new Expression.AnyOf(parts, start, written);
    }

    /** Which joints may follow a parsed condition, for error messages. */
    private String continuation(Expression condition) {
        if (condition instanceof Expression.AllOf) {
            return "AND";
        }
        return condition instanceof Expression.AnyOf ? "OR" : "AND, OR";
    }

    private Expression operand() {
        Token first = peek();
        if (++depth > MAX_DEPTH) {
            throw error(first, "Expected at most " + MAX_DEPTH + " nested parentheses, NOTs or calls but found more");
        }
        try {
            return nestedOperand(first);
        } finally {
            depth--;
        }
    }

    private Expression nestedOperand(Token first) {
        if (first.isKeyword("NOT")) {
            next();
            Expression negated = operand();
            return new Expression.Negation(negated, first.start(), slice(first.start()));
        }
        if (first.type() == Token.Type.LEFT_PAREN) {
            next();
            Expression inner = condition(first);
            Token close = peek();
            if (close.type() != Token.Type.RIGHT_PAREN) {
                throw error(close, "Expected " + continuation(inner) + " or \")\" closing the \"(\" at column "
                        + column(first) + " but found " + close.describe());
            }
            next();
            return inner;
        }
        return test();
    }

    // ---- tests -------------------------------------------------------------------------------------------

    private Expression test() {
        int start = peek().start();
        Operand left = left();
        Token operator = peek();
        if (operator.type() == Token.Type.OPERATOR) {
            next();
            Comparator comparator = Comparator.ofSymbol(operator.text())
                    .orElseThrow(() -> error(operator, "Expected " + OPERATORS + " but found " + operator.describe()));
            Operand right = value(true, "after " + operator.text());
            return new Expression.Comparison(left, comparator, right, start, slice(start));
        }
        if (operator.isKeyword("BETWEEN")) {
            next();
            Operand lower = value(false, "after BETWEEN");
            Token and = peek();
            if (!and.isKeyword("AND")) {
                throw error(and, "Expected AND between the two bounds of BETWEEN but found " + and.describe());
            }
            next();
            Operand upper = value(false, "after BETWEEN … AND");
            return new Expression.Between(left, lower, upper, start, slice(start));
        }
        if (operator.isKeyword("IS")) {
            next();
            boolean negated = accept("NOT");
            expectKeyword("NULL", negated ? "after IS NOT" : "after IS");
            return new Expression.IsNull(left, negated, start, slice(start));
        }
        boolean negated = false;
        if (operator.isKeyword("NOT")) {
            next();
            negated = true;
            Token after = peek();
            if (!after.isKeyword("EXISTS") && !after.isKeyword("EMPTY")) {
                throw error(after, "Expected EXISTS or EMPTY after NOT but found " + after.describe());
            }
        }
        Token keyword = peek();
        if (keyword.isKeyword("EXISTS")) {
            if (!(left instanceof Operand.FieldRef field)) {
                throw error(keyword, "Expected " + OPERATORS.replace("[NOT] EXISTS, ", "") + " after a function call "
                        + "but found EXISTS (EXISTS applies to a field)");
            }
            next();
            return new Expression.Exists(field, negated, start, slice(start));
        }
        if (keyword.isKeyword("EMPTY")) {
            next();
            return new Expression.IsEmpty(left, negated, start, slice(start));
        }
        MatchKind kind = null;
        if (keyword.isKeyword("CONTAINS")) {
            next();
            kind = MatchKind.CONTAINS;
        } else if (keyword.isKeyword("STARTS") || keyword.isKeyword("ENDS")) {
            next();
            expectKeyword("WITH", "after " + keyword.text());
            kind = keyword.isKeyword("STARTS") ? MatchKind.STARTS_WITH : MatchKind.ENDS_WITH;
        }
        if (kind == null) {
            throw error(keyword, "Expected " + OPERATORS + " after " + left.text() + " but found " + keyword.describe());
        }
        Operand right = value(true, "after " + kind.keyword());
        return new Expression.TextMatch(left, kind, right, start, slice(start));
    }

    /** {@code field | call}. */
    private Operand left() {
        Token token = peek();
        if (token.type() == Token.Type.WORD && !token.isKeyword("NOT")) {
            if (isCall(token)) {
                return call();
            }
            if (!token.isAnyKeyword()) {
                next();
                return field(token);
            }
        }
        throw error(token, "Expected " + fieldExample() + " or a function call but found " + describe(token));
    }

    /** {@code scalar | list | call | field}; lists only where {@code allowList}. */
    private Operand value(boolean allowList, String where) {
        Token token = peek();
        switch (token.type()) {
            case STRING, NUMBER, DURATION -> {
                return literal();
            }
            case LEFT_BRACKET -> {
                if (allowList) {
                    return list();
                }
            }
            case WORD -> {
                if (token.isKeyword("TRUE") || token.isKeyword("FALSE") || token.isKeyword("NULL")) {
                    return literal();
                }
                if (isCall(token)) {
                    return call();
                }
                if (!token.isAnyKeyword() && (token.source() != null || syntax == Syntax.PLAIN_FIELDS)) {
                    next();
                    return field(token);
                }
            }
            default -> {
            }
        }
        throw error(token, "Expected a value (a quoted string, a number, TRUE, FALSE, NULL" + (allowList ? ", a [list]" : "")
                + ", " + fieldExample() + " or a function call) " + where + " but found " + describe(token)
                + (token.type() == Token.Type.WORD && !token.isAnyKeyword() ? " (write text in double quotes)" : ""));
    }

    private Operand.Literal literal() {
        Token token = next();
        return switch (token.type()) {
            case STRING -> new Operand.StringLiteral(token.string(), token.start(), token.text());
            case NUMBER -> new Operand.NumberLiteral(token.number(), token.start(), token.text());
            case DURATION -> new Operand.DurationLiteral(token.duration(), token.start(), token.text());
            default -> {
                if (token.isKeyword("NULL")) {
                    yield new Operand.NullLiteral(token.start(), token.text());
                }
                if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
                    yield new Operand.BooleanLiteral(token.isKeyword("TRUE"), token.start(), token.text());
                }
                throw error(token, "Expected a string, a number, a duration, TRUE, FALSE or NULL but found " + token.describe());
            }
        };
    }

    private Operand.ListLiteral list() {
        Token open = next();
        List<Operand.Literal> items = new ArrayList<>();
        if (peek().type() != Token.Type.RIGHT_BRACKET) {
            do {
                Token item = peek();
                if (!isLiteral(item)) {
                    throw error(item, "Expected a string, a number, a duration, TRUE, FALSE or NULL in the list but found "
                            + describe(item));
                }
                items.add(literal());
            } while (acceptType(Token.Type.COMMA));
        }
        Token close = peek();
        if (close.type() != Token.Type.RIGHT_BRACKET) {
            throw error(close, "Expected \",\" or \"]\" closing the list opened at column " + column(open) + " but found "
                    + close.describe());
        }
        next();
        return new Operand.ListLiteral(items, open.start(), slice(open.start()));
    }

    // ---- calls and fields --------------------------------------------------------------------------------

    private boolean isCall(Token token) {
        return token.type() == Token.Type.WORD && token.source() == null && token.simple()
                && tokens.get(index + 1).type() == Token.Type.LEFT_PAREN;
    }

    private Operand.FunctionCall call() {
        if (++depth > MAX_DEPTH) {
            throw error(peek(), "Expected at most " + MAX_DEPTH + " nested parentheses, NOTs or calls but found more");
        }
        try {
            return nestedCall();
        } finally {
            depth--;
        }
    }

    private Operand.FunctionCall nestedCall() {
        Token name = next();
        Token open = next();
        List<Operand> arguments = new ArrayList<>();
        if (peek().type() != Token.Type.RIGHT_PAREN) {
            do {
                arguments.add(argument());
            } while (acceptType(Token.Type.COMMA));
        }
        Token close = peek();
        if (close.type() != Token.Type.RIGHT_PAREN) {
            throw error(close, "Expected \",\" or \")\" closing the arguments of " + name.text() + " opened at column "
                    + column(open) + " but found " + close.describe());
        }
        next();
        ConditionFunction function = ConditionFunction.byName(name.text()).orElseThrow(() -> error(name,
                "Expected one of the functions " + ConditionFunction.names() + " but found " + name.text() + "()"));
        if (arguments.size() < function.minArguments() || arguments.size() > function.maxArguments()) {
            throw error(name, "Expected " + FunctionArguments.arity(function) + " for " + function.signature()
                    + " but found " + arguments.size());
        }
        for (int i = 0; i < arguments.size(); i++) {
            Operand argument = arguments.get(i);
            FunctionArguments.problem(function, function.argument(i), argument).ifPresent(reason -> {
                throw ConditionParseException.at(text, argument.offset(), reason);
            });
        }
        return new Operand.FunctionCall(function, arguments, name.start(), slice(name.start()));
    }

    private Operand argument() {
        Token token = peek();
        if (isLiteral(token)) {
            return literal();
        }
        if (isCall(token)) {
            return call();
        }
        if (token.type() == Token.Type.WORD && !token.isAnyKeyword()) {
            next();
            return field(token);
        }
        throw error(token, "Expected a function argument (a value, " + fieldExample() + " or a function call) but found "
                + describe(token));
    }

    private Operand.FieldRef field(Token token) {
        if (syntax == Syntax.PLAIN_FIELDS) {
            if (token.source() != null) {
                throw error(token, "Expected a plain field path such as traits.age (filters have no source@ prefix) but found "
                        + token.describe());
            }
            return new Operand.FieldRef(null, token.segments(), token.start(), token.text());
        }
        if (token.source() == null) {
            throw error(token, "Expected a field with its source, e.g. profile@" + token.text() + ", but found "
                    + token.describe());
        }
        Source source = Source.of(token.source()).orElseThrow(() -> error(token,
                "Expected one of the sources " + Source.list() + " before \"@\" but found " + token.source()));
        return new Operand.FieldRef(source, token.segments(), token.start(), token.text());
    }

    private String fieldExample() {
        return syntax == Syntax.PLAIN_FIELDS ? "a field (e.g. traits.age)" : "a field (e.g. profile@traits.age)";
    }

    // ---- tokens ------------------------------------------------------------------------------------------

    private static boolean isLiteral(Token token) {
        return switch (token.type()) {
            case STRING, NUMBER, DURATION -> true;
            case WORD -> token.isKeyword("TRUE") || token.isKeyword("FALSE") || token.isKeyword("NULL");
            default -> false;
        };
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.type() != Token.Type.END) {
            index++;
        }
        previousEnd = token.end();
        return token;
    }

    private boolean accept(String keyword) {
        if (peek().isKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    private boolean acceptType(Token.Type type) {
        if (peek().type() == type) {
            next();
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword, String where) {
        Token token = peek();
        if (!token.isKeyword(keyword)) {
            throw error(token, "Expected " + keyword + " " + where + " but found " + token.describe());
        }
        next();
    }

    private String slice(int start) {
        return text.substring(start, Math.max(start, previousEnd));
    }

    private int column(Token token) {
        return ConditionError.at(text, token.start(), "").column();
    }

    private static String describe(Token token) {
        return token.isAnyKeyword() ? "keyword " + token.text().toUpperCase(java.util.Locale.ROOT) : token.describe();
    }

    private ConditionParseException error(Token token, String reason) {
        return ConditionParseException.at(text, token.start(), reason);
    }
}
