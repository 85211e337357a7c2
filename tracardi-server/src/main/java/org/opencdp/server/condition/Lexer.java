package org.opencdp.server.condition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits a condition into {@link Token}s. Positions are 0-based offsets into the text. */
final class Lexer {

    static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "BETWEEN", "IS", "NULL", "EXISTS", "EMPTY",
            "CONTAINS", "STARTS", "ENDS", "WITH", "TRUE", "FALSE");
    /** Keywords the grammar wants surrounded by whitespace (workflows §9.1). */
    private static final Set<String> SPACED = Set.of("AND", "OR", "BETWEEN");

    private final String text;
    private int position;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        Lexer lexer = new Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.type() != Token.Type.END);
        return tokens;
    }

    private Token next() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        int start = position;
        if (position >= text.length()) {
            return Token.symbol(Token.Type.END, start, start, "");
        }
        char c = text.charAt(position);
        switch (c) {
            case '(' -> { position++; return Token.symbol(Token.Type.LEFT_PAREN, start, position, "("); }
            case ')' -> { position++; return Token.symbol(Token.Type.RIGHT_PAREN, start, position, ")"); }
            case '[' -> { position++; return Token.symbol(Token.Type.LEFT_BRACKET, start, position, "["); }
            case ']' -> { position++; return Token.symbol(Token.Type.RIGHT_BRACKET, start, position, "]"); }
            case ',' -> { position++; return Token.symbol(Token.Type.COMMA, start, position, ","); }
            case '"' -> { return string(); }
            case '=', '!', '<', '>' -> { return operator(); }
            default -> { }
        }
        if (isDigit(c) || ((c == '+' || c == '-') && position + 1 < text.length() && isDigit(text.charAt(position + 1)))) {
            return numberOrDuration();
        }
        if (Character.isLetter(c) || c == '_') {
            return word();
        }
        throw error(start, "Expected a field, a value, an operator or a parenthesis but found " + describeChar(c));
    }

    private Token operator() {
        int start = position;
        char c = text.charAt(position);
        char next = position + 1 < text.length() ? text.charAt(position + 1) : 0;
        String symbol;
        if (c == '=' && (next == '=' || next == '<' || next == '>')) {
            symbol = "" + c + next;
        } else if ((c == '!' || c == '<' || c == '>') && next == '=') {
            symbol = "" + c + next;
        } else if (c == '!') {
            throw error(start, "Expected != but found " + describeChar(c) + (next == 0 ? "" : " followed by " + describeChar(next)));
        } else {
            symbol = String.valueOf(c);
        }
        position += symbol.length();
        return Token.symbol(Token.Type.OPERATOR, start, position, symbol);
    }

    private Token string() {
        int start = position++;
        StringBuilder value = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return new Token(Token.Type.STRING, start, position, text.substring(start, position), null, List.of(), false,
                        null, null, value.toString());
            }
            if (c == '\\' && position < text.length() && (text.charAt(position) == '"' || text.charAt(position) == '\\')) {
                value.append(text.charAt(position++));
            } else {
                value.append(c);
            }
        }
        throw error(start, "Expected a closing \" for the string that starts here but found end of condition");
    }

    private Token numberOrDuration() {
        int start = position;
        if (text.charAt(position) == '+' || text.charAt(position) == '-') {
            position++;
        }
        skipDigits();
        if (position < text.length() && isDurationUnit(text.charAt(position))) {
            // A duration: one or more <digits><unit> groups, e.g. 30s or 1d12h.
            while (position < text.length() && isDigit(text.charAt(position))
                    || position < text.length() && isDurationUnit(text.charAt(position))) {
                skipDigits();
                if (position >= text.length() || !isDurationUnit(text.charAt(position))) {
                    throw error(position, "Expected a duration unit (s, m, h or d) but found " + describeAt(position));
                }
                position++;
            }
            ensureSeparated(start);
            String written = text.substring(start, position);
            return new Token(Token.Type.DURATION, start, position, written, null, List.of(), false, null,
                    Durations.parse(written).orElseThrow(() -> error(start, "Expected a duration but found " + written)), null);
        }
        if (position < text.length() && text.charAt(position) == '.') {
            position++;
            if (position >= text.length() || !isDigit(text.charAt(position))) {
                throw error(position, "Expected digits after the decimal point but found " + describeAt(position));
            }
            skipDigits();
        }
        ensureSeparated(start);
        String written = text.substring(start, position);
        return new Token(Token.Type.NUMBER, start, position, written, null, List.of(), false,
                new BigDecimal(written.startsWith("+") ? written.substring(1) : written), null, null);
    }

    /** A number must not run into a name ({@code 12abc}) or a reference. */
    private void ensureSeparated(int start) {
        if (position < text.length() && (isWordChar(text.charAt(position)) || text.charAt(position) == '@'
                || text.charAt(position) == '.')) {
            throw error(position, "Expected an operator, a keyword or whitespace after " + text.substring(start, position)
                    + " but found " + describeAt(position));
        }
    }

    private Token word() {
        int start = position;
        List<String> segments = new ArrayList<>();
        String source = null;
        boolean simple = true;
        String first = segment();
        if (position < text.length() && text.charAt(position) == '@') {
            source = first;
            position++;
            if (text.startsWith("...", position)) {
                position += 3;
                return word(start, source, segments, false);
            }
            if (position >= text.length() || !isSegmentStart(text.charAt(position))) {
                throw error(position, "Expected a path after " + source + "@ (e.g. " + source + "@traits.age) but found "
                        + describeAt(position));
            }
            segments.add(segment());
        } else {
            segments.add(first);
        }
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == '.') {
                position++;
                if (position >= text.length() || !isSegmentStart(text.charAt(position))) {
                    throw error(position, "Expected a path segment after \".\" but found " + describeAt(position));
                }
                segments.add(segment());
            } else if (c == '[') {
                simple = false;
                segments.add(bracketKey());
            } else {
                break;
            }
        }
        if (position < text.length() && text.charAt(position) == '@') {
            throw error(position, "Expected a path without a second \"@\" but found \"@\"");
        }
        return word(start, source, segments, simple);
    }

    private Token word(int start, String source, List<String> segments, boolean simple) {
        String written = text.substring(start, position);
        Token token = new Token(Token.Type.WORD, start, position, written, source, List.copyOf(segments), simple, null, null, null);
        if (simple && source == null && SPACED.contains(written.toUpperCase(java.util.Locale.ROOT))) {
            // The ends of the text count as separated; the parser then reports what is missing there.
            boolean spaceBefore = start == 0 || Character.isWhitespace(text.charAt(start - 1));
            boolean spaceAfter = position == text.length() || Character.isWhitespace(text.charAt(position));
            if (!spaceBefore || !spaceAfter) {
                String keyword = written.toUpperCase(java.util.Locale.ROOT);
                throw spaceBefore
                        ? error(position, "Expected whitespace after " + keyword + " but found " + describeAt(position))
                        : error(start, "Expected whitespace before " + keyword + " but found " + describeChar(text.charAt(start - 1)));
            }
        }
        return token;
    }

    /** {@code ["any text"]} or {@code [0]} right after a path segment. */
    private String bracketKey() {
        int open = position++;
        if (position < text.length() && isDigit(text.charAt(position))) {
            int digits = position;
            skipDigits();
            if (position < text.length() && text.charAt(position) == ']') {
                position++;
                return text.substring(digits, position - 1);
            }
            throw error(position, "Expected \"]\" after the list index but found " + describeAt(position));
        }
        if (position >= text.length() || text.charAt(position) != '"') {
            throw error(position, "Expected a quoted key such as [\"first name\"] but found " + describeAt(position));
        }
        String key = string().string();
        if (position >= text.length() || text.charAt(position) != ']') {
            throw error(position, "Expected \"]\" to close the key opened at column " + (open + 1) + " but found "
                    + describeAt(position));
        }
        position++;
        return key;
    }

    private String segment() {
        int start = position;
        while (position < text.length() && isWordChar(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    private void skipDigits() {
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
    }

    private String describeAt(int index) {
        return index >= text.length() ? "end of condition" : describeChar(text.charAt(index));
    }

    private static String describeChar(char c) {
        return Character.isWhitespace(c) ? "whitespace" : "\"" + c + "\"";
    }

    private ConditionParseException error(int offset, String reason) {
        return ConditionParseException.at(text, offset, reason);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDurationUnit(char c) {
        return c == 's' || c == 'm' || c == 'h' || c == 'd';
    }

    private static boolean isSegmentStart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-';
    }
}
