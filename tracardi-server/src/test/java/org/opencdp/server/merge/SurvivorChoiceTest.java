package org.opencdp.server.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.merge.Profiles.profile;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencdp.server.profile.ProfileDocument;

class SurvivorChoiceTest {

    /**
     * Participants as {@code id:insertMinute:primaryId} separated by spaces ({@code -} = no primary id), and the
     * expected survivor.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "a:5:- b:1:- c:3:-, b",            // the oldest
            "a:5:crm b:1:- c:3:-, a",          // the one holding the primary id, though younger
            "a:5:crm b:1:- c:3:crm, c",        // the oldest of those holding it
            "a:5:crm b:1:- c:3:other, b",      // conflicting primary ids: the oldest of all
            "b:2:- a:2:-, a",                  // a tie goes to the smallest id
            "x:2:- y:-1:-, y"})
    void survivor(String participants, String expected) {
        List<ProfileDocument> profiles = new ArrayList<>();
        for (String spec : participants.split(" ")) {
            String[] parts = spec.split(":");
            profiles.add(profile(parts[0], Integer.parseInt(parts[1]), "primary_id",
                    "-".equals(parts[2]) ? "null" : "\"" + parts[2] + "\""));
        }
        assertThat(SurvivorChoice.choose(profiles).id()).isEqualTo(expected);
        assertThat(SurvivorChoice.survivorFirst(SurvivorChoice.choose(profiles), profiles).get(0).id()).isEqualTo(expected);
    }
}
