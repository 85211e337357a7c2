package org.opencdp.server.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.merge.Profiles.at;
import static org.opencdp.server.merge.Profiles.json;
import static org.opencdp.server.merge.Profiles.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

class MergeJournalEntryTest {

    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("acme"));

    private final MergeJournalEntry entry = MergeJournalEntry.applied("m1", at(3), MergeReason.WORKFLOW,
            json("{\"id\":\"rule-1\",\"name\":\"Merge on sign-in\"}"), "s", List.of("o"),
            Map.of("s", profile("s", 0).json(), "o", profile("o", 1).json()));

    @Test
    void storedFormRoundTrips() {
        MergeJournalEntry done = entry.withStatus(MergeStatus.COMPLETE).withRepointed(4, 1).reverted(at(9), "ops@example.com");
        MergeJournalEntry read = MergeJournalEntry.fromJson(done.toJson(SCOPE, true));
        assertThat(read).isEqualTo(done);
        assertThat(read.participants()).containsExactly("s", "o");
    }

    @Test
    void apiFormHasTheContractFieldsAndNoSnapshots() {
        ObjectNode shown = entry.toJson(SCOPE, false);
        assertThat(shown.has("snapshots")).isFalse();
        assertThat(json(shown.toString())).isEqualTo(json("""
                {"id":"m1","tenant":"acme","production":true,"time":"2024-03-01T10:03:00.000000+00:00",
                 "reason":"workflow","rule_ref":{"id":"rule-1","name":"Merge on sign-in"},"survivor_id":"s",
                 "merged_ids":["o"],"status":"applied","repointed":{"events":0,"sessions":0},
                 "reverted_at":null,"reverted_by":null}"""));
    }

    @Test
    void onlyAppliedAndRepointingAreUnfinished() {
        assertThat(List.of(MergeStatus.values()).stream().filter(MergeStatus::unfinished))
                .containsExactly(MergeStatus.APPLIED, MergeStatus.REPOINTING);
        assertThat(MergeReason.parse(" APM ")).contains(MergeReason.APM);
        assertThat(MergeReason.parse("magic")).isEmpty();
    }
}
