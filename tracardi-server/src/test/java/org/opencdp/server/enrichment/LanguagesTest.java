package org.opencdp.server.enrichment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void codesFollowThePreferenceOrderWithoutDuplicates() {
        assertThat(Languages.codes("pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7")).containsExactly("pl", "en");
        assertThat(Languages.codes("de;q=0.5, fr")).containsExactly("fr", "de");
    }

    @Test
    void namesAreEnglish() {
        assertThat(Languages.names(Languages.codes("pl,en-GB"))).containsExactly("Polish", "English");
    }

    @Test
    void junkYieldsNothing() {
        assertThat(Languages.codes(null)).isEmpty();
        assertThat(Languages.codes("")).isEmpty();
        assertThat(Languages.codes(";;;,,q=x")).isEmpty();
        assertThat(Languages.codes("*")).isEmpty();
    }
}
