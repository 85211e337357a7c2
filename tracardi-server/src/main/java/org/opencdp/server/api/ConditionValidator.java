package org.opencdp.server.api;

import java.util.Optional;

/**
 * Checks a TQL condition on save (segments, destinations, event-to-profile mappings; D32). The condition
 * language plugs in its parser here; until then {@link #nonBlank()} accepts any non-blank text.
 */
@FunctionalInterface
public interface ConditionValidator {

    /** Empty when the condition parses, otherwise the parse error to report. */
    Optional<String> problem(String condition);

    /** The interim validator: any non-blank text passes. */
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
