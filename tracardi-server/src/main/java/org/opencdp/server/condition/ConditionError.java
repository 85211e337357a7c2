package org.opencdp.server.condition;

/**
 * Why a condition (or a search filter) was refused, and where.
 *
 * @param reason   what is wrong, without the position ({@code Expected a value but found end of condition})
 * @param offset   0-based index of the offending character in the text
 * @param line     1-based line of that character
 * @param column   1-based column of that character within its line
 */
public record ConditionError(String reason, int offset, int line, int column) {

    /** The reason followed by the position: {@code … at line 1, column 12}. */
    public String message() {
        return reason + " at line " + line + ", column " + column;
    }

    /** An error at {@code offset} of {@code text}, with the line and column computed. */
    public static ConditionError at(String text, int offset, String reason) {
        int safeOffset = Math.max(0, Math.min(offset, text == null ? 0 : text.length()));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < safeOffset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new ConditionError(reason, safeOffset, line, safeOffset - lineStart + 1);
    }
}
