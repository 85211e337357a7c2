package org.opencdp.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SearchServiceTest {

    @Test
    void theHistogramIntervalKeepsTheBucketCountSmall() {
        assertThat(SearchService.interval(Duration.ZERO)).isEqualTo("1m");
        assertThat(SearchService.interval(Duration.ofMinutes(15))).isEqualTo("1m");
        assertThat(SearchService.interval(Duration.ofHours(1))).isEqualTo("1m");
        assertThat(SearchService.interval(Duration.ofHours(24))).isEqualTo("15m");
        assertThat(SearchService.interval(Duration.ofDays(7))).isEqualTo("3h");
        assertThat(SearchService.interval(Duration.ofDays(30))).isEqualTo("12h");
        assertThat(SearchService.interval(Duration.ofDays(365 * 55))).isEqualTo("365d");
    }
}
