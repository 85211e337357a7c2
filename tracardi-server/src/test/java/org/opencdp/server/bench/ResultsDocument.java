package org.opencdp.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark document ({@code benchmarks/RESULTS.md}): each suite rewrites only its own section, between an
 * HTML comment pair such as {@code <!-- results:start -->} and {@code <!-- results:end -->}, so the prose around
 * the figures is kept.
 */
final class ResultsDocument {

    private ResultsDocument() {
    }

    /**
     * Replaces what lies between {@code <!-- name:start -->} and {@code <!-- name:end -->} with the report; without
     * those markers, appends {@code heading} and the marked report to the document (creating it under {@code title}).
     * Returns the file written.
     */
    static Path write(Path file, String name, String report, String title, String heading) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String section = start + "\n" + report + end;
        String text;
        if (Files.exists(file)) {
            String existing = Files.readString(file);
            int from = existing.indexOf(start);
            int to = existing.indexOf(end);
            text = from >= 0 && to > from
                    ? existing.substring(0, from) + section + existing.substring(to + end.length())
                    : existing + "\n" + heading + section + "\n";
        } else {
            Files.createDirectories(file.toAbsolutePath().getParent());
            text = title + "\n\n" + heading + section + "\n";
        }
        Files.writeString(file, text);
        return file.toAbsolutePath().normalize();
    }
}
