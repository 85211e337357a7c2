package org.opencdp.server.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.merge.Profiles.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencdp.server.profile.ProfileDocument;

class MergeGuardTest {

    private final MergeGuard guard = new MergeGuard(3, List.of("", "null", "none", "test@test.com"));

    /** Anchor primary id, candidates' primary ids ("-" = none), reason → candidates kept and excluded. */
    static Stream<Arguments> primaryIds() {
        return Stream.of(
                Arguments.of("no primary ids anywhere", null, List.of("-", "-"), MergeReason.APM, List.of("c0", "c1"), List.of()),
                Arguments.of("same primary id as the anchor", "p1", List.of("p1", "-"), MergeReason.APM, List.of("c0", "c1"), List.of()),
                Arguments.of("a different primary id is excluded", "p1", List.of("p2", "-"), MergeReason.APM, List.of("c1"), List.of("c0")),
                Arguments.of("identification points are guarded too", "p1", List.of("p2"), MergeReason.IDENTIFICATION_POINT,
                        List.of(), List.of("c0")),
                Arguments.of("anchor without one, candidates agree", null, List.of("p1", "p1", "-"), MergeReason.APM,
                        List.of("c0", "c1", "c2"), List.of()),
                Arguments.of("anchor without one, candidates disagree", null, List.of("p1", "p2", "-"), MergeReason.APM,
                        List.of("c2"), List.of("c0", "c1")),
                Arguments.of("workflow merges are not guarded", "p1", List.of("p2"), MergeReason.WORKFLOW, List.of("c0"), List.of()),
                Arguments.of("api merges are not guarded", "p1", List.of("p2"), MergeReason.API, List.of("c0"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primaryIds")
    void primaryIdRule(String name, String anchorPrimary, List<String> candidatePrimaries, MergeReason reason,
                       List<String> kept, List<String> excluded) {
        ProfileDocument anchor = profile("anchor", 0, "primary_id", anchorPrimary == null ? "null" : "\"" + anchorPrimary + "\"");
        List<ProfileDocument> candidates = new ArrayList<>();
        for (int i = 0; i < candidatePrimaries.size(); i++) {
            String primary = candidatePrimaries.get(i);
            candidates.add(profile("c" + i, i + 1, "primary_id", "-".equals(primary) ? "null" : "\"" + primary + "\""));
        }

        MergeGuard.Decision decision = guard.check(anchor, candidates, reason);

        assertThat(decision.candidates()).extracting(ProfileDocument::id).containsExactlyElementsOf(kept);
        assertThat(decision.excluded().keySet()).containsExactlyElementsOf(excluded);
        assertThat(decision.refusal()).isEmpty();
        assertThat(decision.merges()).isEqualTo(!kept.isEmpty());
    }

    @ParameterizedTest(name = "{0} candidates for at most 3, reason {1}")
    @CsvSource({"3, apm, true", "4, apm, false", "4, workflow, false", "0, apm, false"})
    void tooManyCandidatesRefuseTheMerge(int count, String reason, boolean merges) {
        List<ProfileDocument> candidates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            candidates.add(profile("c" + i, i + 1));
        }
        MergeGuard.Decision decision = guard.check(profile("anchor", 0), candidates, MergeReason.parse(reason).orElseThrow());
        assertThat(decision.merges()).isEqualTo(merges);
        if (count > 3) {
            assertThat(decision.refusal()).hasValueSatisfying(text -> assertThat(text).contains("suspicious identity cluster"));
        }
    }

    static Stream<Arguments> values() {
        return Stream.of(Arguments.of("anna@example.com", true), Arguments.of("test@test.com", false),
                Arguments.of(" TEST@test.com ", false), Arguments.of("None", false), Arguments.of("", false),
                Arguments.of("NULL", false), Arguments.of("nil", true));
    }

    @ParameterizedTest(name = "\"{0}\" matchable: {1}")
    @MethodSource("values")
    void blocklistedValuesNeverMatch(String value, boolean matchable) {
        assertThat(guard.matchable(value)).isEqualTo(matchable);
    }

    @Test
    void nullNeverMatches() {
        assertThat(guard.matchable(null)).isFalse();
        assertThat(guard.matchable("   ")).isFalse();
    }
}
