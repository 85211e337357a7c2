package org.opencdp.server.workflow.notation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dot-notation reference such as {@code profile@traits.x}, {@code payload@items.0} or
 * {@code event@properties["first name"]} (workflows §5). {@code source@...} refers to the whole object.
 *
 * @param source   one of {@link #SOURCES}
 * @param segments the path below the source; empty for the whole object
 */
public record DotReference(String source, List<String> segments) {

    public static final Set<String> SOURCES = Set.of("payload", "profile", "event", "session", "flow", "memory");
    private static final Pattern VALID = Pattern.compile("^(payload|profile|event|session|flow|memory)@[A-Za-z0-9_\\-.\\[\\]\"' ]*$");

    public DotReference {
        segments = List.copyOf(segments);
    }

    /** The reference written in {@code text}, or empty when the text is a literal. */
    public static Optional<DotReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.trim();
        if (!VALID.matcher(value).matches()) {
            return Optional.empty();
        }
        int at = value.indexOf('@');
        String source = value.substring(0, at);
        String path = value.substring(at + 1);
        if (path.equals("...") || path.isEmpty()) {
            return Optional.of(new DotReference(source, List.of()));
        }
        List<String> segments = split(path);
        return segments == null ? Optional.empty() : Optional.of(new DotReference(source, segments));
    }

    /** The path below the source with dots, e.g. {@code traits.x}. */
    public String path() {
        return String.join(".", segments);
    }

    @Override
    public String toString() {
        return source + "@" + (segments.isEmpty() ? "..." : path());
    }

    /** Splits {@code a.b["c d"].0} into {@code [a, b, c d, 0]}; null when brackets are unbalanced. */
    private static List<String> split(String path) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                if (!current.isEmpty()) {
                    segments.add(current.toString());
                    current.setLength(0);
                }
                i++;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    return null;
                }
                if (!current.isEmpty()) {
                    segments.add(current.toString());
                    current.setLength(0);
                }
                String key = path.substring(i + 1, close).trim();
                if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
                    key = key.substring(1, key.length() - 1);
                }
                segments.add(key);
                i = close + 1;
            } else {
                current.append(c);
                i++;
            }
        }
        if (!current.isEmpty()) {
            segments.add(current.toString());
        }
        return segments;
    }
}
