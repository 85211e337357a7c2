package org.opencdp.server.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.opencdp.server.mapping.MappingFixtures.JSON;
import static org.opencdp.server.mapping.MappingFixtures.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/** The shipped definitions: complete, consistent with the index mappings, and safe on Tracardi's examples. */
class BuiltinEventTypesTest {

    private static final BuiltinEventTypes TYPES = BuiltinEventTypes.shared();

    static Stream<String> types() {
        return TYPES.all().stream().map(EventTypeDefinition::id);
    }

    @Test
    void allSixtyFiveTypesAreShipped() {
        assertThat(TYPES.size()).isEqualTo(65);
        assertThat(TYPES.find("sign-in")).isPresent();
        assertThat(TYPES.find("page-view").orElseThrow().stateFunction()).isEqualTo(EventTypeDefinition.Function.PAGE_VIEW);
        assertThat(TYPES.find("sign-in").orElseThrow().profile())
                .contains(new EventTypeDefinition.ProfileOp("primary_id", JSON.getNodeFactory().textNode("data.identifier.pk"),
                        EventTypeDefinition.Op.EQUAL));
        assertThat(TYPES.find("nope")).isEmpty();
    }

    /** The generated resource carries the fixture's types, in order, with their example properties. */
    @Test
    void matchesTracardisPredefinedEventTypes() throws Exception {
        Path fixture = Path.of(System.getenv().getOrDefault("TRACARDI_FIXTURES", "/work/shared/fixtures/tracardi"),
                "predefined_event_types.json");
        assumeTrue(Files.isRegularFile(fixture), "shared fixtures not available");
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        JSON.readTree(fixture.toFile()).forEach(type -> expected.put(type.get("type").asText(), type.get("properties")));
        Map<String, JsonNode> shipped = new LinkedHashMap<>();
        TYPES.all().forEach(type -> shipped.put(type.id(), type.properties()));
        assertThat(shipped).containsExactlyEntriesOf(expected);
    }

    @Test
    void everyTargetIsATypedFieldOfItsIndex() {
        for (EventTypeDefinition type : TYPES.all()) {
            type.copy().forEach((target, source) -> {
                assertThat(FieldSchema.event().field(target).kind()).as(type.id() + " copies into " + target)
                        .isNotEqualTo(FieldSchema.Kind.UNKNOWN);
                assertThat(source).as(type.id() + " copies from the event").matches("(properties|traits|data)\\..+");
            });
            for (EventTypeDefinition.ProfileOp op : type.profile()) {
                assertThat(FieldSchema.profile().field(op.target()).kind()).as(type.id() + " writes " + op.target())
                        .isNotEqualTo(FieldSchema.Kind.UNKNOWN);
            }
            for (EventTypeDefinition.Computation computation : type.compute()) {
                if (computation.target() != null) {
                    assertThat(FieldSchema.profile().field(computation.target()).kind()).isNotEqualTo(FieldSchema.Kind.UNKNOWN);
                }
            }
        }
    }

    /**
     * Tracardi's own examples (with placeholders such as {@code "price": "float"}) never throw and leave both
     * documents storable under their strict index mappings.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void theExampleEventOfEveryTypeKeepsBothDocumentsStorable(String id) {
        EventTypeDefinition type = TYPES.find(id).orElseThrow();
        EventToProfileMapper mapper = new EventToProfileMapper(TYPES, (scope, t) -> List.of(), Clock.fixed(NOW, ZoneOffset.UTC));
        ProfileDocument profile = ProfileDocument.create("profile-1", NOW);
        EventDocument event = MappingFixtures.event(id, type.properties(), List.of(), false);
        List<String> warnings = new ArrayList<>();

        assertThatCode(() -> mapper.apply(TenantScope.production(Tenant.of("acme")), event, profile, null, warnings))
                .doesNotThrowAnyException();

        assertThat(violations(FieldSchema.profile(), profile.json())).as("profile of " + id).isEmpty();
        assertThat(violations(FieldSchema.event(), event.json())).as("event of " + id).isEmpty();
        assertThat(warnings).allSatisfy(warning -> assertThat(warning).startsWith("Mapping "));
    }

    @Test
    void theStorabilityCheckSeesViolations() {
        ProfileDocument profile = ProfileDocument.create("profile-1", NOW);
        assertThat(violations(FieldSchema.profile(), profile.json())).isEmpty();
        profile.json().with("data").put("unknown", 1);
        profile.json().with("data").with("pii").putObject("firstname");
        assertThat(violations(FieldSchema.profile(), profile.json()))
                .containsExactlyInAnyOrder("data.unknown: no such field", "data.pii.firstname: not a string: an object");
        ProfileDocument typed = ProfileDocument.create("profile-2", NOW);
        typed.json().with("data").with("pii").put("birthday", "1990-01-01");
        assertThat(violations(FieldSchema.profile(), typed.json())).containsExactly("values that are not of their field's type");
    }

    /** Paths of a document that its index would refuse or change. */
    private static List<String> violations(FieldSchema schema, JsonNode document) {
        List<FieldCoercion.Dropped> dropped = new ArrayList<>();
        FieldCoercion.Result coerced = FieldCoercion.coerce(document, schema.root(), dropped);
        List<String> problems = new ArrayList<>();
        dropped.forEach(drop -> problems.add(drop.path() + ": " + drop.reason()));
        if (problems.isEmpty() && coerced.ok() && !ProfileWriter.sameValue(coerced.value(), document)) {
            problems.add("values that are not of their field's type");
        }
        return problems;
    }
}
