package org.opencdp.server.api;

import java.util.Optional;
import org.opencdp.server.condition.ConditionError;
import org.opencdp.server.condition.Conditions;

/**
 * Checks a TQL condition on save (segments, destinations, event-to-profile mappings; D32). {@link #tql()} uses the
 * condition language's parser (unknown functions and wrong argument counts included); {@link #nonBlank()} accepts
 * any non-blank text, for tests that do not exercise the language.
 */
@FunctionalInterface
public interface ConditionValidator {

    /** Empty when the condition parses, otherwise the parse error to report. */
    Optional<String> problem(String condition);

    /** A condition must parse in the condition language (workflows §9). */
    static ConditionValidator tql() {
        return condition -> condition == null || condition.isBlank()
                ? Optional.of("the condition must not be empty")
                : Conditions.validate(condition).map(ConditionError::message);
    }

    /** Any non-blank text passes. */
    static ConditionValidator nonBlank() {
        return condition -> condition == null || condition.isBlank()
                ? Optional.of("the condition must not be empty") : Optional.empty();
    }

    /** Throws a 422 naming {@code field} when the condition does not parse. */
    default void check(String field, String condition) {
        problem(condition).ifPresent(message -> {
            throw InvalidBodyException.of(field, message);
        });
    }
}
