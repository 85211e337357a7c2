package org.opencdp.server.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stand-in for the condition-language translator: an empty filter, and comparisons
 * {@code field="value"}, {@code field == 'value'}, {@code field != value} (numbers, {@code true}/{@code false}
 * or bare words unquoted) joined by {@code AND}. Anything else is refused as unparsable.
 */
public final class SimpleWhereFilter implements WhereFilter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Longer filters are not something a person typed. */
    static final int MAX_LENGTH = 10_000;

    @Override
    public ObjectNode toQuery(String where) throws InvalidFilter {
        ObjectNode query = NODES.objectNode();
        if (where == null || where.isBlank() || where.trim().equals("undefined")) {
            query.putObject("match_all");
            return query;
        }
        if (where.length() > MAX_LENGTH) {
            throw new InvalidFilter("The filter is longer than " + MAX_LENGTH + " characters");
        }
        List<ObjectNode> must = new ArrayList<>();
        List<ObjectNode> mustNot = new ArrayList<>();
        Scanner scanner = new Scanner(where);
        do {
            String field = scanner.field();
            String operator = scanner.operator();
            JsonNode value = scanner.value();
            ObjectNode term = NODES.objectNode();
            term.putObject("term").set(field, value);
            (operator.equals("!=") ? mustNot : must).add(term);
        } while (scanner.and());
        ObjectNode bool = query.putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        must.forEach(filter::add);
        if (!mustNot.isEmpty()) {
            ArrayNode not = bool.putArray("must_not");
            mustNot.forEach(not::add);
        }
        return query;
    }

    /** Reads one filter left to right. */
    private static final class Scanner {
        private final String text;
        private int position;

        Scanner(String text) {
            this.text = text;
        }

        String field() throws InvalidFilter {
            skipSpaces();
            int start = position;
            while (position < text.length() && isFieldChar(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw error("a field name");
            }
            return text.substring(start, position);
        }

        String operator() throws InvalidFilter {
            skipSpaces();
            for (String operator : new String[]{"==", "!=", "="}) {
                if (text.startsWith(operator, position)) {
                    position += operator.length();
                    return operator;
                }
            }
            throw error("=, == or !=");
        }

        JsonNode value() throws InvalidFilter {
            skipSpaces();
            if (position >= text.length()) {
                throw error("a value");
            }
            char quote = text.charAt(position);
            if (quote == '"' || quote == '\'') {
                StringBuilder value = new StringBuilder();
                position++;
                while (position < text.length() && text.charAt(position) != quote) {
                    char c = text.charAt(position++);
                    if (c == '\\' && position < text.length()) {
                        c = text.charAt(position++);
                    }
                    value.append(c);
                }
                if (position >= text.length()) {
                    throw new InvalidFilter("Unterminated string in the filter");
                }
                position++;
                return NODES.textNode(value.toString());
            }
            int start = position;
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                position++;
            }
            String word = text.substring(start, position);
            if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
                return NODES.booleanNode(Boolean.parseBoolean(word.toLowerCase(Locale.ROOT)));
            }
            try {
                return NODES.numberNode(new BigDecimal(word));
            } catch (NumberFormatException e) {
                if (word.chars().allMatch(c -> isFieldChar((char) c))) {
                    return NODES.textNode(word);
                }
                throw error("a quoted value");
            }
        }

        /** True after an {@code AND} (another comparison follows), false at the end. */
        boolean and() throws InvalidFilter {
            skipSpaces();
            if (position >= text.length()) {
                return false;
            }
            if (text.regionMatches(true, position, "AND", 0, 3) && position + 3 < text.length()
                    && Character.isWhitespace(text.charAt(position + 3))) {
                position += 3;
                return true;
            }
            throw error("AND or the end of the filter");
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        private InvalidFilter error(String expected) {
            return new InvalidFilter("Invalid filter at position " + position + ": expected " + expected);
        }

        private static boolean isFieldChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '@';
        }
    }
}
