package org.opencdp.server.merge;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencdp.server.profile.ProfileDocument;

/**
 * Picks the survivor of a merge (processing §10.3, D9): when the participants' set primary ids all agree, the
 * oldest participant holding it; otherwise the oldest participant. "Oldest" is the earliest
 * {@code metadata.time.insert} (a profile without one counts as newest); ties go to the smallest id. The survivor
 * keeps its id, so every id ever handed out keeps resolving.
 */
public final class SurvivorChoice {

    private static final Comparator<ProfileDocument> OLDEST_FIRST = Comparator
            .<ProfileDocument, Instant>comparing(p -> p.inserted().orElse(Instant.MAX))
            .thenComparing(ProfileDocument::id);

    private SurvivorChoice() {
    }

    public static ProfileDocument choose(List<ProfileDocument> participants) {
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("a merge needs participants");
        }
        Set<String> primaries = participants.stream()
                .map(ProfileDocument::primaryId)
                .filter(id -> id != null && !id.isBlank())
                .collect(Collectors.toSet());
        List<ProfileDocument> eligible = primaries.size() == 1
                ? participants.stream().filter(p -> primaries.contains(p.primaryId())).toList()
                : participants;
        return eligible.stream().min(OLDEST_FIRST).orElseThrow();
    }

    /** The participants with the survivor first, the others oldest first (the order field strategies see). */
    public static List<ProfileDocument> survivorFirst(ProfileDocument survivor, List<ProfileDocument> participants) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(survivor),
                participants.stream().filter(p -> !p.id().equals(survivor.id())).sorted(OLDEST_FIRST)).toList();
    }
}
