package org.opencdp.server.condition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One lexical unit of a condition. A {@link Type#WORD} is anything name-like: a keyword, a function name, a plain
 * field path or a dot-notation reference ({@link #source()} holds the text before {@code @}).
 */
record Token(Type type, int start, int end, String text, String source, List<String> segments, boolean simple,
             BigDecimal number, Duration duration, String string) {

    enum Type { WORD, NUMBER, DURATION, STRING, OPERATOR, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, COMMA, END }

    static Token symbol(Type type, int start, int end, String text) {
        return new Token(type, start, end, text, null, List.of(), false, null, null, null);
    }

    /** Whether this is the keyword {@code keyword} (case-insensitive). */
    boolean isKeyword(String keyword) {
        return type == Type.WORD && simple && source == null && segments.size() == 1 && text.equalsIgnoreCase(keyword);
    }

    /** Whether this word is any keyword of the language. */
    boolean isAnyKeyword() {
        return type == Type.WORD && simple && source == null && Lexer.KEYWORDS.contains(text.toUpperCase(Locale.ROOT));
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (type) {
            case END -> "end of condition";
            case STRING -> "string " + quote(text);
            case NUMBER -> "number " + text;
            case DURATION -> "duration " + text;
            default -> quote(text);
        };
    }

    private static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        return shown.startsWith("\"") ? shown : "\"" + shown + "\"";
    }
}
