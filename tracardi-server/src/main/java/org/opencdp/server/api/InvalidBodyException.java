package org.opencdp.server.api;

import java.util.List;

/**
 * A request body that fails validation. Mapped to 422
 * {@code {"detail": [{"loc": ["body", "<field>"], "msg": "...", "type": "value_error"}]}} (private-api §1.4), so the
 * client learns which field is wrong. Throw it from resources and services alike.
 */
public final class InvalidBodyException extends RuntimeException {

    /** One problem: the field it concerns and what is wrong with it. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public InvalidBodyException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid body" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public static InvalidBodyException of(String field, String message) {
        return new InvalidBodyException(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
