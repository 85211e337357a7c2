package org.opencdp.server.condition;

import java.util.List;

/**
 * The outcome of evaluating a condition: its truth and the warnings raised on the way (type mismatches, values
 * that are not datetimes…; D31). Warnings describe the part of the condition and the kinds of values, never
 * the values themselves.
 */
public record Evaluation(boolean result, List<String> warnings) {

    public Evaluation {
        warnings = List.copyOf(warnings);
    }
}
