package org.opencdp.server.condition;

/**
 * A condition or search filter that cannot be used. Callers answering HTTP map it to a 4xx naming
 * {@link #error()}; nothing in this package throws it while <em>evaluating</em> a parsed condition (D31).
 */
public abstract sealed class ConditionException extends RuntimeException
        permits ConditionParseException, FilterTranslationException {

    private final transient ConditionError error;

    protected ConditionException(ConditionError error) {
        super(error.message());
        this.error = error;
    }

    public ConditionError error() {
        return error;
    }

    /** 0-based offset of the offending character. */
    public int offset() {
        return error.offset();
    }

    /** 1-based line of the offending character. */
    public int line() {
        return error.line();
    }

    /** 1-based column of the offending character. */
    public int column() {
        return error.column();
    }
}
