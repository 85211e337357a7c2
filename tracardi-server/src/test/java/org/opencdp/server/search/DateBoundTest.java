package org.opencdp.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateBoundTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-03-27T10:00:00Z");

    @Test
    void anAbsoluteDateIsReadOnATwentyFourHourClockInUtc() throws Exception {
        assertThat(resolve("{\"absolute\":{\"year\":2024,\"month\":1,\"date\":2,\"hour\":14,\"minute\":5,\"second\":6,"
                + "\"meridiem\":\"PM\",\"timeZone\":0}}")).isEqualTo(Instant.parse("2024-01-02T14:05:06Z"));
    }

    @Test
    void aDeltaMovesNowOrTheAbsoluteDate() throws Exception {
        assertThat(resolve("{\"delta\":{\"value\":-15,\"entity\":\"minute\"}}")).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(resolve("{\"absolute\":null,\"delta\":{\"value\":2,\"entity\":\"days\"}}")).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(resolve("{\"absolute\":{\"year\":2024,\"month\":3,\"date\":1,\"hour\":0,\"minute\":0,\"second\":0},"
                + "\"delta\":{\"value\":-1,\"entity\":\"week\"}}")).isEqualTo(Instant.parse("2024-02-23T00:00:00Z"));
        // An incomplete absolute date means now, as in Tracardi.
        assertThat(resolve("{\"absolute\":{\"year\":2020}}")).isEqualTo(NOW);
        assertThat(DateBound.isSet(JSON.readTree("{\"absolute\":null,\"delta\":null}"))).isFalse();
    }

    @Test
    void unusableBoundsNameTheirField() {
        for (String bad : new String[]{"{\"delta\":{\"value\":1,\"entity\":\"fortnight\"}}", "{\"delta\":{\"value\":\"x\",\"entity\":\"day\"}}",
                "{\"absolute\":{\"year\":2024,\"month\":13,\"date\":1,\"hour\":0,\"minute\":0,\"second\":0}}",
                "{\"absolute\":{\"year\":\"y\",\"month\":1,\"date\":1,\"hour\":0,\"minute\":0,\"second\":0}}", "5"}) {
            assertThatThrownBy(() -> resolve(bad)).as(bad).isInstanceOfSatisfying(DateBound.InvalidBound.class,
                    e -> assertThat(e.field()).isEqualTo("minDate"));
        }
    }

    private static Instant resolve(String json) throws Exception {
        return DateBound.resolve("minDate", JSON.readTree(json), NOW);
    }
}
