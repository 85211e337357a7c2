package org.opencdp.server.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.merge.Profiles.at;
import static org.opencdp.server.merge.Profiles.changed;
import static org.opencdp.server.merge.Profiles.json;
import static org.opencdp.server.merge.Profiles.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileDocument;

class MergeReverterTest {

    private final ProfileDocument survivor = profile("s", 0, "ids", "[\"s\",\"emm-s\"]", "stats.views", "3",
            "stats.counters", "{\"a\":1}", "traits.tier", "\"gold\"", "data.preferences.colors", "[\"red\"]");
    private final ProfileDocument other = profile("o", 5, "ids", "[\"o\",\"emm-o\"]", "stats.views", "4",
            "stats.counters", "{\"a\":2,\"b\":5}", "traits.tier", "\"silver\"", "data.preferences.colors", "[\"blue\"]",
            "data.pii.firstname", "\"Olga\"");

    @Test
    void revertRightAfterTheMergeRestoresTheSnapshot() {
        survivor.addAppliedBatch("batch-of-s");
        other.addAppliedBatch("batch-of-o");
        ObjectNode merged = ProfileMerger.merge(List.of(survivor.json(), other.json()), MergeReason.APM, at(60));
        ObjectNode reverted = MergeReverter.revert(merged, survivor.json(), List.of(other.json()), at(60), at(70));

        ObjectNode expected = survivor.json().deepCopy();
        DotPath.set(expected, "metadata.time.update", Times.toJson(at(70)));
        assertThat(reverted).isEqualTo(expected);
    }

    @Test
    void whatHappenedAfterTheMergeStays() {
        ObjectNode merged = ProfileMerger.merge(List.of(survivor.json(), other.json()), MergeReason.APM, at(60));
        // After the merge: two more views, a new counter, a changed tier and a new hashed id.
        merged.with("stats").put("views", merged.at("/stats/views").asLong() + 2);
        ((ObjectNode) merged.at("/stats/counters")).put("c", 1);
        ((ObjectNode) merged.at("/traits")).put("tier", "platinum");
        ((ObjectNode) merged.at("/metadata/fields")).set("traits.tier", json(changed(65)));
        merged.withArray("ids").add("phm-new");

        ObjectNode reverted = MergeReverter.revert(merged, survivor.json(), List.of(other.json()), at(60), at(70));

        assertThat(reverted.at("/stats/views").asLong()).isEqualTo(5);
        assertThat(reverted.at("/stats/counters")).isEqualTo(json("{\"a\":1,\"c\":1}"));
        assertThat(reverted.at("/traits/tier").asText()).isEqualTo("platinum");
        assertThat(reverted.at("/data/pii/firstname").isNull()).isTrue();
        assertThat(reverted.at("/data/preferences/colors")).isEqualTo(json("[\"red\"]"));
        assertThat(reverted.get("ids")).isEqualTo(json("[\"s\",\"emm-s\",\"phm-new\"]"));
    }

    @Test
    void countersNeverGoBelowZero() {
        ObjectNode merged = ProfileMerger.merge(List.of(survivor.json(), other.json()), MergeReason.APM, at(60));
        merged.with("stats").put("views", 1);
        ObjectNode reverted = MergeReverter.revert(merged, survivor.json(), List.of(other.json()), at(60), at(70));
        assertThat(reverted.at("/stats/views").asLong()).isZero();
    }
}
