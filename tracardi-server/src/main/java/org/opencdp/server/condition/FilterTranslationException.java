package org.opencdp.server.condition;

/**
 * A search filter that parses but has no Elasticsearch equivalent (a function of a field, two fields compared,
 * an ordering against a list…). The position points at the part that cannot be translated.
 */
public final class FilterTranslationException extends ConditionException {

    public FilterTranslationException(ConditionError error) {
        super(error);
    }

    static FilterTranslationException at(String text, int offset, String reason) {
        return new FilterTranslationException(ConditionError.at(text, offset, reason));
    }
}
