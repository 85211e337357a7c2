package org.opencdp.server.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.merge.Profiles.at;
import static org.opencdp.server.merge.Profiles.changed;
import static org.opencdp.server.merge.Profiles.json;
import static org.opencdp.server.merge.Profiles.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.profile.ProfileDocument;

class ProfileMergerTest {

    /**
     * One field strategy: the survivor (inserted at minute 0) and the other participant (inserted at minute 5) get
     * these changes; the merged document must hold {@code expected} at {@code pointer}.
     */
    record Case(String name, String[] survivor, String[] other, String pointer, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> strategies() {
        return Stream.of(
                new Case("views are summed", new String[] {"stats.views", "3"}, new String[] {"stats.views", "4"},
                        "/stats/views", "7"),
                new Case("visits are summed", new String[] {"stats.visits", "1"}, new String[] {"stats.visits", "2"},
                        "/stats/visits", "3"),
                new Case("workflow counters are summed per name", new String[] {"stats.counters", "{\"a\":1}"},
                        new String[] {"stats.counters", "{\"a\":2,\"b\":5}"}, "/stats/counters", "{\"a\":3,\"b\":5}"),
                new Case("interests are summed", new String[] {"interests", "{\"shoes\":1.5}"},
                        new String[] {"interests", "{\"shoes\":1,\"hats\":2}"}, "/interests", "{\"shoes\":2.5,\"hats\":2}"),
                new Case("visit counts are summed", new String[] {"metadata.time.visit.count", "2"},
                        new String[] {"metadata.time.visit.count", "3"}, "/metadata/time/visit/count", "5"),
                new Case("metrics are summed and the ratio recomputed",
                        new String[] {"data.metrics.ltcosc", "2", "data.metrics.ltcocc", "1", "data.metrics.ltcop", "0.5"},
                        new String[] {"data.metrics.ltcosc", "2", "data.metrics.ltcocc", "2", "data.metrics.ltcop", "1.0"},
                        "/data/metrics/ltcop", "0.75"),
                new Case("a scalar changed later (metadata.fields) wins",
                        new String[] {"data.pii.firstname", "\"Ann\"", "metadata.fields", "{\"data.pii.firstname\":" + changed(30) + "}"},
                        new String[] {"data.pii.firstname", "\"Anna\"", "metadata.fields", "{\"data.pii.firstname\":" + changed(20) + "}"},
                        "/data/pii/firstname", "\"Ann\""),
                new Case("a timestamp beats none", new String[] {"data.pii.firstname", "\"Ann\""},
                        new String[] {"data.pii.firstname", "\"Anna\"", "metadata.fields", "{\"data.pii.firstname\":" + changed(1) + "}"},
                        "/data/pii/firstname", "\"Anna\""),
                new Case("without timestamps the newest update wins", new String[] {"traits.tier", "\"gold\""},
                        new String[] {"traits.tier", "\"silver\""}, "/traits/tier", "\"silver\""),
                new Case("null never overrides a value", new String[] {"data.contact.email.main", "\"a@x.com\""},
                        new String[] {"data.contact.email.main", "null"}, "/data/contact/email/main", "\"a@x.com\""),
                new Case("a missing value never overrides either", new String[] {"traits.vip", "true"},
                        new String[] {}, "/traits/vip", "true"),
                new Case("lists are unioned, survivor's order first",
                        new String[] {"data.preferences.colors", "[\"red\",\"green\"]"},
                        new String[] {"data.preferences.colors", "[\"blue\",\"red\"]"}, "/data/preferences/colors",
                        "[\"red\",\"green\",\"blue\"]"),
                new Case("a one-element list stays a list", new String[] {"data.devices.push", "[\"t1\"]"},
                        new String[] {"data.devices.push", "[]"}, "/data/devices/push", "[\"t1\"]"),
                new Case("list-valued traits are unioned", new String[] {"traits.tags", "[\"a\"]"},
                        new String[] {"traits.tags", "[\"a\",\"b\"]"}, "/traits/tags", "[\"a\",\"b\"]"),
                new Case("nested objects merge field by field", new String[] {"traits.address", "{\"city\":\"Oslo\"}"},
                        new String[] {"traits.address", "{\"zip\":\"0150\"}"}, "/traits/address",
                        "{\"city\":\"Oslo\",\"zip\":\"0150\"}"),
                new Case("a type conflict goes to the latest value", new String[] {"traits.size", "\"M\""},
                        new String[] {"traits.size", "[\"M\",\"L\"]"}, "/traits/size", "[\"M\",\"L\"]"),
                new Case("segments are unioned", new String[] {"segments", "[\"vip\"]"},
                        new String[] {"segments", "[\"new\",\"vip\"]"}, "/segments", "[\"vip\",\"new\"]"),
                new Case("the single primary id is kept", new String[] {}, new String[] {"primary_id", "\"crm-1\""},
                        "/primary_id", "\"crm-1\""),
                new Case("active when any participant is", new String[] {"active", "false"}, new String[] {"active", "true"},
                        "/active", "true"),
                new Case("the auto-merge marker is cleared", new String[] {"metadata.system.aux.auto_merge", "[\"data.contact.email.main\"]"},
                        new String[] {"metadata.system.aux.auto_merge", "[\"data.contact.phone.main\"]"},
                        "/metadata/system/aux/auto_merge", "[]"),
                new Case("integrations deep-merge", new String[] {"metadata.system.integrations", "{\"crm\":{\"id\":\"1\"}}"},
                        new String[] {"metadata.system.integrations", "{\"mail\":{\"id\":\"2\"}}"},
                        "/metadata/system/integrations", "{\"crm\":{\"id\":\"1\"},\"mail\":{\"id\":\"2\"}}"),
                new Case("consents: per type, the latest entry whole",
                        new String[] {"consents", "{\"news\":{\"revoke\":\"2025-01-01T00:00:00.000000+00:00\"},\"ads\":{\"revoke\":null}}",
                                "metadata.fields", "{\"consents.news\":" + changed(40) + "}"},
                        new String[] {"consents", "{\"news\":{\"revoke\":null}}", "metadata.fields", "{\"consents.news\":" + changed(50) + "}"},
                        "/consents", "{\"news\":{\"revoke\":null},\"ads\":{\"revoke\":null}}"),
                new Case("metadata.fields keeps the newest entry per path",
                        new String[] {"metadata.fields", "{\"traits.a\":" + changed(10) + ",\"traits.b\":" + changed(30) + "}"},
                        new String[] {"metadata.fields", "{\"traits.a\":" + changed(20) + ",\"traits.b\":" + changed(25) + "}"},
                        "/metadata/fields", "{\"traits.a\":" + changed(20) + ",\"traits.b\":" + changed(30) + "}"),
                new Case("segmentation time is the latest", new String[] {"metadata.time.segmentation", "\"" + Times.format(at(7)) + "\""},
                        new String[] {"metadata.time.segmentation", "\"" + Times.format(at(9)) + "\""},
                        "/metadata/time/segmentation", "\"" + Times.format(at(9)) + "\""))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void fieldStrategy(Case strategy) {
        ProfileDocument survivor = profile("s", 0, strategy.survivor());
        ProfileDocument other = profile("o", 5, strategy.other());
        ObjectNode merged = ProfileMerger.merge(List.of(survivor.json(), other.json()), MergeReason.WORKFLOW, at(60));
        assertThat(merged.at(strategy.pointer())).isEqualTo(json(strategy.expected()));
    }

    @Test
    void idsAndTimesOfTheParticipants() {
        ProfileDocument survivor = profile("s", 0, "ids", "[\"s\",\"emm-1\"]",
                "metadata.time.visit", "{\"current\":\"" + Times.format(at(10)) + "\",\"last\":\"" + Times.format(at(2))
                        + "\",\"count\":2,\"tz\":\"Europe/Oslo\"}");
        ProfileDocument other = profile("o", 5, "ids", "[\"o\",\"emm-1\",\"phm-2\"]", "metadata.time.create",
                "\"" + Times.format(at(-100)) + "\"",
                "metadata.time.visit", "{\"current\":\"" + Times.format(at(20)) + "\",\"last\":\"" + Times.format(at(6))
                        + "\",\"count\":1,\"tz\":\"Europe/Warsaw\"}");

        ObjectNode merged = ProfileMerger.merge(List.of(survivor.json(), other.json()), MergeReason.APM, at(60));

        assertThat(merged.path("id").asText()).isEqualTo("s");
        assertThat(merged.get("ids")).isEqualTo(json("[\"s\",\"emm-1\",\"o\",\"phm-2\"]"));
        assertThat(merged.at("/metadata/time/insert").asText()).isEqualTo(Times.format(at(0)));
        assertThat(merged.at("/metadata/time/create").asText()).isEqualTo(Times.format(at(-100)));
        assertThat(merged.at("/metadata/time/update").asText()).isEqualTo(Times.format(at(60)));
        assertThat(merged.at("/metadata/time/visit/current").asText()).isEqualTo(Times.format(at(20)));
        assertThat(merged.at("/metadata/time/visit/last").asText()).isEqualTo(Times.format(at(10)));
        assertThat(merged.at("/metadata/time/visit/tz").asText()).isEqualTo("Europe/Warsaw");
        assertThat(merged.at("/metadata/time/visit/count").asLong()).isEqualTo(3);
    }

    @Test
    void conflictingPrimaryIdsKeepTheSurvivorsInAWorkflowMerge() {
        ObjectNode merged = ProfileMerger.merge(List.of(profile("s", 0, "primary_id", "\"crm-1\"").json(),
                profile("o", 5, "primary_id", "\"crm-2\"").json()), MergeReason.WORKFLOW, at(60));
        assertThat(merged.path("primary_id").asText()).isEqualTo("crm-1");
    }

    @Test
    void anonymousOnlyWhenNoContactIsKnown() {
        ObjectNode merged = ProfileMerger.merge(List.of(profile("s", 0).json(),
                profile("o", 5, "data.contact.phone.mobile", "\"+48600100200\"", "data.anonymous", "false").json()),
                MergeReason.APM, at(60));
        assertThat(merged.at("/data/anonymous").asBoolean()).isFalse();
        ObjectNode none = ProfileMerger.merge(List.of(profile("s", 0).json(), profile("o", 5).json()), MergeReason.APM, at(60));
        assertThat(none.at("/data/anonymous").asBoolean()).isTrue();
    }

    @Test
    void appliedBatchesOfEveryParticipantAreKeptAndInputsUntouched() {
        ProfileDocument survivor = profile("s", 0);
        survivor.addAppliedBatch("b1");
        ProfileDocument other = profile("o", 5);
        other.addAppliedBatch("b2");
        ObjectNode before = other.json().deepCopy();
        ObjectNode merged = ProfileMerger.merge(List.of(survivor.json(), other.json()), MergeReason.APM, at(60));
        assertThat(merged.at("/internal/applied_batches")).isEqualTo(json("[\"b1\",\"b2\"]"));
        assertThat(other.json()).isEqualTo(before);
    }
}
