package org.opencdp.server.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's rules and flows: distinct ids, fixtures' placeholders filled, several rules per payload event. */
class WorkflowLoadoutTest {

    private static final Path FIXTURES = org.opencdp.server.testing.TracardiFlows.folder();

    @Test
    void spreadsTheRulesSoEachPayloadEventFiresSeveralDistinctFlows() throws Exception {
        assumeThat(Files.isDirectory(FIXTURES)).as("Tracardi fixtures at " + FIXTURES).isTrue();
        WorkflowLoadout loadout = WorkflowLoadout.build(FIXTURES, 20, 100, List.of("page-view", "purchase-order"));

        assertThat(loadout.flows()).hasSize(20);
        assertThat(loadout.flows().stream().map(WorkflowLoadout.Flow::id).distinct()).hasSize(20);
        assertThat(loadout.flows()).allSatisfy(flow -> {
            assertThat(flow.definition().toString()).doesNotContain("{FLOW_ID");
            assertThat(flow.definition().path("id").asText()).isEqualTo(flow.id());
        });
        assertThat(loadout.rules()).hasSize(100);
        assertThat(loadout.rules().stream().map(WorkflowLoadout.Rule::id).distinct()).hasSize(100);
        assertThat(loadout.matching("page-view", BenchStack.SOURCE)).hasSize(11);
        assertThat(loadout.distinctFlows("page-view", BenchStack.SOURCE)).isEqualTo(11);
        assertThat(loadout.matching("purchase-order", BenchStack.SOURCE)).hasSize(10);
        assertThat(loadout.matching("page-view", WorkflowLoadout.OTHER_SOURCE)).isNotEmpty();
        assertThat(loadout.matching("identify", BenchStack.SOURCE)).isNotEmpty();
    }
}
