package org.opencdp.server.merge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencdp.server.profile.ProfileDocument;

/**
 * The merge guard (processing §10.2): keeps automatic merges from fusing people who are known to be different
 * (their primary ids differ) and from collapsing a whole cluster that only shares a placeholder value.
 */
public final class MergeGuard {

    /** What the guard let through. */
    public record Decision(List<ProfileDocument> candidates, Map<String, String> excluded, Optional<String> refusal) {

        /** Whether anything is left to merge with. */
        public boolean merges() {
            return refusal.isEmpty() && !candidates.isEmpty();
        }
    }

    private final int maxCandidates;
    private final Set<String> blocklist;

    /**
     * @param maxCandidates {@code identity.maxMergeCandidates}
     * @param blocklist     {@code identity.mergeBlocklist}: values that never match (compared trimmed, ignoring case)
     */
    public MergeGuard(int maxCandidates, Collection<String> blocklist) {
        this.maxCandidates = maxCandidates;
        this.blocklist = new LinkedHashSet<>();
        blocklist.forEach(value -> this.blocklist.add(normalise(value)));
    }

    public int maxCandidates() {
        return maxCandidates;
    }

    /** Whether a merging-key value may match other profiles (blank values and placeholders never do). */
    public boolean matchable(String value) {
        return value != null && !value.isBlank() && !blocklist.contains(normalise(value));
    }

    /**
     * Checks the candidates found for {@code anchor} (the profile the merge starts from, always a participant).
     * More than {@code maxCandidates} refuses the whole merge, whatever the reason. For guarded reasons a
     * candidate with a set primary id is excluded when it differs from the anchor's; when the anchor has none,
     * candidates whose set primary ids disagree among themselves are all excluded, as nobody can tell which is
     * the anchor's person.
     */
    public Decision check(ProfileDocument anchor, List<ProfileDocument> candidates, MergeReason reason) {
        if (candidates.size() > maxCandidates) {
            return new Decision(List.of(), Map.of(), Optional.of("suspicious identity cluster: " + candidates.size()
                    + " candidates for profile " + anchor.id() + " (at most " + maxCandidates + " merge)"));
        }
        if (!reason.guarded()) {
            return new Decision(List.copyOf(candidates), Map.of(), Optional.empty());
        }
        String anchorPrimary = blankToNull(anchor.primaryId());
        Set<String> candidatePrimaries = new LinkedHashSet<>();
        candidates.forEach(c -> {
            if (blankToNull(c.primaryId()) != null) {
                candidatePrimaries.add(c.primaryId());
            }
        });
        List<ProfileDocument> kept = new ArrayList<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        for (ProfileDocument candidate : candidates) {
            String primary = blankToNull(candidate.primaryId());
            if (primary == null) {
                kept.add(candidate);
            } else if (anchorPrimary != null && !anchorPrimary.equals(primary)) {
                excluded.put(candidate.id(), "primary id " + primary + " differs from " + anchorPrimary);
            } else if (anchorPrimary == null && candidatePrimaries.size() > 1) {
                excluded.put(candidate.id(), "primary id " + primary + " conflicts with other candidates' " + candidatePrimaries);
            } else {
                kept.add(candidate);
            }
        }
        return new Decision(List.copyOf(kept), excluded, Optional.empty());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String normalise(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }
}
