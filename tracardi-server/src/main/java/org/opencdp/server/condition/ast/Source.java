package org.opencdp.server.condition.ast;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The data sources a dot-notation field can read ({@code <source>@<path>}, workflows §5). */
public enum Source {
    PAYLOAD, PROFILE, EVENT, SESSION, FLOW, MEMORY;

    /** The name as written before {@code @}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Source> of(String id) {
        return Arrays.stream(values()).filter(source -> source.id().equals(id)).findFirst();
    }

    /** {@code payload, profile, …}, for error messages. */
    public static String list() {
        return Arrays.stream(values()).map(Source::id).collect(Collectors.joining(", "));
    }
}
