package org.opencdp.server.condition;

import java.util.Optional;
import org.opencdp.server.condition.ast.ConditionFunction;
import org.opencdp.server.condition.ast.Operand;

/** Parse-time checks of function calls (D32): the argument count, and literal time zones and durations. */
final class FunctionArguments {

    private FunctionArguments() {
    }

    /** {@code 1 argument}, {@code 0 or 1 arguments}. */
    static String arity(ConditionFunction function) {
        int min = function.minArguments();
        int max = function.maxArguments();
        String count = min == max ? String.valueOf(min) : min + " or " + max;
        return count + (max == 1 && min == 1 ? " argument" : " arguments");
    }

    /**
     * Why a literal argument cannot serve as {@code kind}, so a typo in a time zone or a duration fails at parse time.
     * Fields and calls are checked when evaluated.
     */
    static Optional<String> problem(ConditionFunction function, ConditionFunction.Argument kind, Operand argument) {
        if (!(argument instanceof Operand.Literal literal) || kind == ConditionFunction.Argument.VALUE) {
            return Optional.empty();
        }
        boolean valid = switch (kind) {
            case TIME_ZONE -> literal instanceof Operand.StringLiteral string && TimeZones.parse(string.value()).isPresent();
            case DURATION -> literal instanceof Operand.DurationLiteral
                    || literal instanceof Operand.StringLiteral string && Durations.parse(string.value()).isPresent();
            case VALUE -> true;
        };
        if (valid) {
            return Optional.empty();
        }
        String wanted = kind == ConditionFunction.Argument.TIME_ZONE
                ? "a time zone such as \"Europe/Warsaw\" or \"UTC\""
                : "a duration such as \"-30d\", \"15m\" or \"1d12h\"";
        return Optional.of("Expected " + wanted + " as an argument of " + function.signature() + " but found "
                + argument.text());
    }
}
