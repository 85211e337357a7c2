package org.opencdp.server.condition.ast;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The functions of the condition language (workflows §9.2) with the arguments each accepts. Anything else is a
 * parse error (D32). Names match case-insensitively.
 */
public enum ConditionFunction {
    NOW("now", List.of(), List.of(Argument.TIME_ZONE)),
    UTCNOW("utcnow", List.of(), List.of()),
    NOW_OFFSET("now.offset", List.of(Argument.DURATION), List.of()),
    NOW_TIMEZONE("now.timezone", List.of(Argument.TIME_ZONE), List.of()),
    NOW_TIMEZONE_OFFSET("now.timezone.offset", List.of(Argument.TIME_ZONE, Argument.DURATION), List.of()),
    DATETIME("datetime", List.of(Argument.VALUE), List.of()),
    DATETIME_OFFSET("datetime.offset", List.of(Argument.VALUE, Argument.DURATION), List.of()),
    DATETIME_TIMEZONE("datetime.timezone", List.of(Argument.VALUE, Argument.TIME_ZONE), List.of()),
    DATETIME_FROM_TIMESTAMP("datetime.from_timestamp", List.of(Argument.VALUE), List.of()),
    LOWERCASE("lowercase", List.of(Argument.VALUE), List.of()),
    UPPERCASE("uppercase", List.of(Argument.VALUE), List.of());

    /** What an argument must be; literal arguments are checked at parse time, field values at run time. */
    public enum Argument {
        /** Any value (usually a field). */
        VALUE,
        /** A time-zone id such as {@code "Europe/Warsaw"} or {@code "UTC"}. */
        TIME_ZONE,
        /** A signed duration such as {@code "-30d"} or {@code "1d12h"} (or a duration literal). */
        DURATION
    }

    private final String functionName;
    private final List<Argument> required;
    private final List<Argument> optional;

    ConditionFunction(String functionName, List<Argument> required, List<Argument> optional) {
        this.functionName = functionName;
        this.required = required;
        this.optional = optional;
    }

    /** The name as written in a condition. */
    public String functionName() {
        return functionName;
    }

    public int minArguments() {
        return required.size();
    }

    public int maxArguments() {
        return required.size() + optional.size();
    }

    /** What the argument at {@code index} must be. */
    public Argument argument(int index) {
        return index < required.size() ? required.get(index) : optional.get(index - required.size());
    }

    /** {@code now.offset("<duration>")}, for error messages. */
    public String signature() {
        StringBuilder text = new StringBuilder(functionName).append('(');
        for (int i = 0; i < maxArguments(); i++) {
            text.append(i == 0 ? "" : ", ").append(i >= minArguments() ? "[" : "")
                    .append(switch (argument(i)) {
                        case VALUE -> "value";
                        case TIME_ZONE -> "\"<time zone>\"";
                        case DURATION -> "\"<±duration>\"";
                    })
                    .append(i >= minArguments() ? "]" : "");
        }
        return text.append(')').toString();
    }

    public static Optional<ConditionFunction> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(function -> function.functionName.equals(lower)).findFirst();
    }

    /** Every function name, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(ConditionFunction::functionName).collect(Collectors.joining(", "));
    }
}
