package org.opencdp.server.condition;

/**
 * The text is not a condition: a syntax error, an unknown source, an unknown function or a wrong argument count
 * (D32). The message names what was expected and what was found, followed by the line and column.
 */
public final class ConditionParseException extends ConditionException {

    public ConditionParseException(ConditionError error) {
        super(error);
    }

    static ConditionParseException at(String text, int offset, String reason) {
        return new ConditionParseException(ConditionError.at(text, offset, reason));
    }
}
