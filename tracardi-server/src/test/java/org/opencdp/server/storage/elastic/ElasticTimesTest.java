package org.opencdp.server.storage.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ElasticTimesTest {

    private static final Instant T = Instant.parse("2024-03-27T10:00:01.020Z");

    @Test
    void parsesTheEmittedFormatAndOtherIsoForms() {
        assertThat(ElasticTimes.parse("2024-03-27T10:00:01.020000+00:00")).contains(T);
        assertThat(ElasticTimes.parse("2024-03-27T10:00:01.020Z")).contains(T);
        assertThat(ElasticTimes.parse("2024-03-27T12:00:01.02+02:00")).contains(T);
        assertThat(ElasticTimes.parse("2024-03-27T10:00:01.020")).contains(T);
        assertThat(ElasticTimes.parse("2024-03-27 10:00:01.020000+00:00")).contains(T);
        assertThat(ElasticTimes.parse("2024-03-27 10:00:01")).contains(Instant.parse("2024-03-27T10:00:01Z"));
        assertThat(ElasticTimes.parse("2024-03-27")).contains(Instant.parse("2024-03-27T00:00:00Z"));
    }

    @Test
    void parsesEpochMillisAsNumberOrText() {
        assertThat(ElasticTimes.parse(JsonNodeFactory.instance.numberNode(T.toEpochMilli()))).contains(T);
        assertThat(ElasticTimes.parse(Long.toString(T.toEpochMilli()))).contains(T);
    }

    @Test
    void rejectsWhatIsNotATime() {
        assertThat(ElasticTimes.parse("yesterday")).isEmpty();
        assertThat(ElasticTimes.parse("")).isEmpty();
        assertThat(ElasticTimes.parse(JsonNodeFactory.instance.nullNode())).isEmpty();
        assertThat(ElasticTimes.parse(JsonNodeFactory.instance.objectNode())).isEmpty();
        assertThat(ElasticTimes.parse((String) null)).isEmpty();
    }

    @Test
    void formatsLikeTracardi() {
        assertThat(ElasticTimes.format(T)).isEqualTo("2024-03-27T10:00:01.020000+00:00");
        assertThat(ElasticTimes.parse(ElasticTimes.format(T))).contains(T);
    }
}
