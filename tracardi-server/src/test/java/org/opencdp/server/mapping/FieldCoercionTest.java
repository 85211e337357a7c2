package org.opencdp.server.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.mapping.MappingFixtures.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Coercion of mapped values to their field's type (processing §7.4). */
class FieldCoercionTest {

    /** field path | value (JSON) | stored value (JSON), or "!" + the start of the refusal. */
    @ParameterizedTest(name = "{0} ← {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "data.contact.email.main | 'a@b.c' | 'a@b.c'",
            "data.contact.email.main | 42 | '42'",
            "data.contact.email.main | 1.5 | '1.5'",
            "data.contact.email.main | true | 'true'",
            "data.contact.email.main | ['a'] | !a list where one value",
            "data.contact.email.main | {} | !not a string",
            "data.preferences.colors | 'red' | ['red']",
            "data.preferences.colors | ['red', 1, null] | ['red','1']",
            "data.pii.language.spoken | 'Polish' | 'Polish'",
            "data.pii.language.spoken | ['Polish'] | ['Polish']",
            "data.pii.attributes.height | '172.5' | 172.5",
            "data.pii.attributes.height | 180 | 180.0",
            "data.pii.attributes.height | 'tall' | !not a number",
            "data.pii.attributes.height | '' | !not a number",
            "data.metrics.ltcosc | '3' | 3",
            "data.metrics.ltcosc | 3.0 | 3",
            "data.metrics.ltcosc | 3.5 | !not an integer",
            "data.pii.birthday | '1990-05-01' | '1990-05-01T00:00:00.000000+00:00'",
            "data.pii.birthday | '1990-05-01 10:00:00' | '1990-05-01T10:00:00.000000+00:00'",
            "data.pii.birthday | 'yesterday' | !not a datetime",
            "data.anonymous | 'TRUE' | true",
            "data.anonymous | 1 | !not a boolean",
            "data.devices.last.geo.location | [19.9, 50.1] | [19.9,50.1]",
            "data.devices.last.geo.location | {'lat': 50.1, 'lon': 19.9} | {'lat':50.1,'lon':19.9}",
            "data.devices.last.geo.location | [200, 50] | !not a geo point",
            "traits.anything | {'a': [1, {'b': null}]} | {'a':[1,{'b':null}]}",
            "misc.x | 'y' | 'y'",
            "data.nothing | 'x' | !no such field",
            "data.contact.email | {'main': 'm', 'other': 'o'} | {'main':'m'}",
    })
    void coercesOrRefuses(String path, String value, String expected) {
        FieldSchema.Field field = FieldSchema.profile().field(path);
        List<FieldCoercion.Dropped> dropped = new ArrayList<>();
        FieldCoercion.Result result = FieldCoercion.coerce(json(value.replace('\'', '"')), field, dropped);
        if (expected.startsWith("!")) {
            assertThat(result.ok()).as(String.valueOf(result.value())).isFalse();
            assertThat(result.reason()).startsWith(expected.substring(1));
        } else {
            assertThat(result.ok()).as(result.reason()).isTrue();
            assertThat(ProfileWriter.sameValue(result.value(), json(expected.replace('\'', '"'))))
                    .as(result.value() + " is " + expected).isTrue();
            JsonNode wanted = json(expected.replace('\'', '"'));
            assertThat(result.value().getNodeType()).isEqualTo(wanted.getNodeType());
            assertThat(result.value().isFloatingPointNumber()).as("floating point").isEqualTo(wanted.isFloatingPointNumber());
        }
    }

    @Test
    void unknownChildrenOfAStrictObjectAreDroppedAndReported() {
        List<FieldCoercion.Dropped> dropped = new ArrayList<>();
        FieldCoercion.coerce(json("{\"main\": \"m\", \"other\": \"o\"}"), FieldSchema.profile().field("data.contact.email"), dropped);
        assertThat(dropped).containsExactly(new FieldCoercion.Dropped("data.contact.email.other", "no such field"));
    }

    @Test
    void theSchemaKnowsFreeAndStrictParts() {
        FieldSchema profile = FieldSchema.profile();
        assertThat(profile.field("traits.a.b.c").kind()).isEqualTo(FieldSchema.Kind.ANY);
        assertThat(profile.field("aux.geo.markets").kind()).isEqualTo(FieldSchema.Kind.ANY);
        assertThat(profile.field("interests.running").kind()).isEqualTo(FieldSchema.Kind.ANY);
        assertThat(profile.field("data.contact.email.main.deeper").kind()).isEqualTo(FieldSchema.Kind.UNKNOWN);
        assertThat(profile.field("stats.nope").kind()).isEqualTo(FieldSchema.Kind.UNKNOWN);
        assertThat(profile.field("stats.views").kind()).isEqualTo(FieldSchema.Kind.LONG);
        assertThat(profile.field("ids").cardinality()).isEqualTo(FieldSchema.Cardinality.LIST);
        assertThat(profile.field("a..b").kind()).isEqualTo(FieldSchema.Kind.UNKNOWN);
        assertThat(FieldSchema.event().field("data.ec.product.review").kind()).isEqualTo(FieldSchema.Kind.STRING);
        assertThat(FieldSchema.event().field("data.devices").kind()).isEqualTo(FieldSchema.Kind.UNKNOWN);
    }
}
