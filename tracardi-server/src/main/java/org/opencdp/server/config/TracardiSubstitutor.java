package org.opencdp.server.config;

import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Replaces {@code ${VAR:-default}} placeholders (nested defaults included) from the environment, so every
 * Tracardi environment variable name works with the YAML files in {@code config/}. Python logging level names
 * ({@code WARNING}, {@code CRITICAL}) are translated to their Logback equivalents on the way.
 */
public final class TracardiSubstitutor extends StringSubstitutor {

    public TracardiSubstitutor() {
        this(System::getenv);
    }

    public TracardiSubstitutor(UnaryOperator<String> environment) {
        super(lookup(environment));
        setEnableUndefinedVariableException(false);
        setEnableSubstitutionInVariables(true);
        setValueDelimiter(":-");
    }

    public static TracardiSubstitutor of(Map<String, String> environment) {
        return new TracardiSubstitutor(environment::get);
    }

    private static StringLookup lookup(UnaryOperator<String> environment) {
        return name -> {
            String value = environment.apply(name);
            if (value != null && name.equals("LOGGING_LEVEL")) {
                return loggingLevel(value);
            }
            return value;
        };
    }

    static String loggingLevel(String value) {
        String upper = value.trim().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "WARNING" -> "WARN";
            case "CRITICAL", "FATAL" -> "ERROR";
            case "NOTSET" -> "ALL";
            default -> upper;
        };
    }
}
