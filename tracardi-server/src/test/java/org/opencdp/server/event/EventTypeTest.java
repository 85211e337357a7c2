package org.opencdp.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Page View          | page-view          | Page View",
            "page-view          | page-view          | Page View",
            "'  Page View  '    | page-view          | Page View",
            "Page  View         | page--view         | Page  View",
            "PROFILE-CREATED    | profile-created    | Profile Created",
            "checkout_started   | checkout_started   | Checkout_started",
            "sign in now        | sign-in-now        | Sign In Now",
            "x                  | x                  | X",
            "-a-                | -a-                | ' A '",
    })
    void normalisesTypesAndNamesThem(String type, String normalised, String name) {
        assertThat(EventType.normalise(type)).isEqualTo(normalised);
        assertThat(EventType.name(type)).isEqualTo(name);
        assertThat(EventType.name(normalised)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankTypesAreRejected(String type) {
        assertThatThrownBy(() -> EventType.normalise(type)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventType.name(type)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void nullTypeIsRejected() {
        assertThatThrownBy(() -> EventType.normalise(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
