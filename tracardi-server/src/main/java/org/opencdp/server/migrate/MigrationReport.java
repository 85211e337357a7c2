package org.opencdp.server.migrate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a migration did to each object it looked at, for the summary printed at the end. */
public final class MigrationReport {

    /** The outcome for one object. */
    public enum Outcome { CREATED, UPGRADED, UNCHANGED }

    /** One object and what happened to it. */
    public record Entry(String store, String object, Outcome outcome) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public synchronized void record(String store, String object, Outcome outcome) {
        entries.add(new Entry(store, object, outcome));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Whether anything was created or upgraded. */
    public synchronized boolean changed() {
        return entries.stream().anyMatch(entry -> entry.outcome() != Outcome.UNCHANGED);
    }

    public synchronized Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, 0);
        }
        entries.forEach(entry -> counts.merge(entry.outcome(), 1, Integer::sum));
        return counts;
    }

    /** A multi-line summary: every change, then the totals and a one-line verdict. */
    public synchronized String summary() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            if (entry.outcome() != Outcome.UNCHANGED) {
                text.append(String.format("  %-9s %-13s %s%n", entry.outcome().name().toLowerCase(), entry.store(), entry.object()));
            }
        }
        Map<Outcome, Integer> counts = counts();
        text.append(String.format("created %d, upgraded %d, unchanged %d%n", counts.get(Outcome.CREATED),
                counts.get(Outcome.UPGRADED), counts.get(Outcome.UNCHANGED)));
        text.append(changed() ? "Migration complete." : "Nothing to do: every store is already up to date.");
        return text.toString();
    }
}
