package org.opencdp.server.search;

import java.util.Locale;
import java.util.Optional;
import org.opencdp.server.storage.elastic.IndexKind;

/**
 * The {@code {index}} of the search endpoints that live in Elasticsearch, with the time field that date ranges
 * and histograms use. The configuration indices Tracardi also names ({@code resource}, {@code rule},
 * {@code segment}, {@code flow}) are MySQL tables here: see {@link ConfigIndex}.
 */
public enum SearchableIndex {
    EVENT(IndexKind.EVENT, "metadata.time.insert"),
    PROFILE(IndexKind.PROFILE, "metadata.time.insert"),
    SESSION(IndexKind.SESSION, "metadata.time.insert"),
    LOG(IndexKind.LOG, "date");

    private final IndexKind kind;
    private final String timeField;

    SearchableIndex(IndexKind kind, String timeField) {
        this.kind = kind;
        this.timeField = timeField;
    }

    public IndexKind kind() { return kind; }
    public String timeField() { return timeField; }

    public static Optional<SearchableIndex> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "event" -> Optional.of(EVENT);
            case "profile" -> Optional.of(PROFILE);
            case "session" -> Optional.of(SESSION);
            case "log" -> Optional.of(LOG);
            default -> Optional.empty();
        };
    }
}
