package org.opencdp.server.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.opencdp.server.common.time.Times;

/**
 * Decides which participant's value is the "latest" for a path (processing §10.4): the one whose
 * {@code metadata.fields[path]} timestamp is newest (a change recorded for an enclosing path counts for the paths
 * inside it); participants without a timestamp for the path rank after those with one, by their
 * {@code metadata.time.update}. Remaining ties go to the earlier participant, and the survivor comes first.
 */
final class ChangeTimes {

    private final List<ObjectNode> participants;
    private final List<Instant> updated;

    /** @param participants the participants' documents, survivor first */
    ChangeTimes(List<ObjectNode> participants) {
        this.participants = participants;
        this.updated = participants.stream()
                .map(document -> Times.parse(document.at("/metadata/time/update")).orElse(Instant.MIN))
                .toList();
    }

    /** Participant positions from the latest to the oldest for {@code path}. */
    List<Integer> latestFirst(String path) {
        List<Optional<Instant>> changed = participants.stream().map(document -> changedAt(document, path)).toList();
        Comparator<Integer> order = Comparator
                .<Integer, Boolean>comparing(i -> changed.get(i).isEmpty())
                .thenComparing(i -> changed.get(i).orElse(Instant.MIN), Comparator.reverseOrder())
                .thenComparing(updated::get, Comparator.reverseOrder())
                .thenComparing(i -> i);
        List<Integer> positions = new ArrayList<>(IntStream.range(0, participants.size()).boxed().toList());
        positions.sort(order);
        return positions;
    }

    /**
     * When the document last changed {@code path}: its own {@code metadata.fields} entry, else the entry of the
     * nearest enclosing path.
     */
    static Optional<Instant> changedAt(JsonNode document, String path) {
        JsonNode fields = document.path("metadata").path("fields");
        if (!fields.isObject() || path.isEmpty()) {
            return Optional.empty();
        }
        String candidate = path;
        while (true) {
            Optional<Instant> time = entryTime(fields.get(candidate));
            if (time.isPresent()) {
                return time;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            candidate = candidate.substring(0, dot);
        }
    }

    /** The time of a {@code metadata.fields} entry: {@code [timestamp, event_id]}, or a bare timestamp. */
    static Optional<Instant> entryTime(JsonNode entry) {
        if (entry == null) {
            return Optional.empty();
        }
        return Times.parse(entry.isArray() ? entry.path(0) : entry);
    }
}
