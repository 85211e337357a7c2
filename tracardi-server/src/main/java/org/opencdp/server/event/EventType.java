package org.opencdp.server.event;

import java.util.Locale;

/**
 * Event type normalisation (collector-api §3.3): the type is trimmed, lower-cased and every space becomes a
 * {@code -} ({@code "Page View"} → {@code page-view}; two spaces give two dashes). The event's display name is
 * the normalised type split on {@code -} with each word capitalised ({@code Page View}).
 */
public final class EventType {

    private EventType() {
    }

    /**
     * The normalised type.
     *
     * @throws IllegalArgumentException when the type is null or blank (the collector answers 422)
     */
    public static String normalise(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("Event type can not be empty.");
        }
        return type.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** The display name of a type (normalised first), e.g. {@code Page View}. */
    public static String name(String type) {
        String[] words = normalise(type).split("-", -1);
        StringBuilder name = new StringBuilder(type.length());
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                name.append(' ');
            }
            name.append(capitalise(words[i]));
        }
        return name.toString();
    }

    private static String capitalise(String word) {
        if (word.isEmpty()) {
            return word;
        }
        int first = word.codePointAt(0);
        return new StringBuilder(word.length())
                .appendCodePoint(Character.toTitleCase(first))
                .append(word, Character.charCount(first), word.length())
                .toString();
    }
}
