package org.opencdp.server.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.server.mapping.MappingFixtures.NOW;
import static org.opencdp.server.mapping.MappingFixtures.event;
import static org.opencdp.server.mapping.MappingFixtures.json;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/** Custom event-to-profile mappings (processing §7.2, domain-model §12). */
class CustomMappingTest {

    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("acme"));

    private final Map<String, List<EventToProfileMapping>> table = new HashMap<>();
    private final EventToProfileMapper mapper = new EventToProfileMapper(BuiltinEventTypes.shared(),
            (scope, type) -> table.getOrDefault(type, List.of()), Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> warnings = new ArrayList<>();
    private final ProfileDocument profile = ProfileDocument.create("profile-1", NOW);

    private void define(String json) {
        EventToProfileMapping mapping = EventToProfileMapping.fromJson(json(json));
        table.computeIfAbsent(mapping.eventTypeId(), type -> new ArrayList<>()).add(mapping);
    }

    private boolean apply(EventDocument event) {
        return mapper.apply(SCOPE, event, profile, null, warnings);
    }

    @Test
    void itemsCopyEventValuesAndLiteralsWithTheirOperations() {
        define("""
                {"id": "newsletter", "name": "Newsletter", "enabled": true,
                 "event_type": {"id": "Newsletter Signup", "name": "Newsletter Signup"},
                 "event_to_profile": [
                   {"event": {"value": "properties.email", "ref": true}, "op": 0, "profile": {"value": "data.contact.email.private", "ref": true}},
                   {"event": {"value": "properties.nick", "ref": true}, "op": "equals_if_not_exists", "profile": {"value": "traits.nick", "ref": true}},
                   {"event": {"value": "properties.topics", "ref": true}, "op": 2, "profile": {"value": "data.preferences.other", "ref": true}},
                   {"event": {"value": "newsletter", "ref": false}, "op": 2, "profile": {"value": "segments", "ref": true}},
                   {"event": {"value": "7", "ref": false}, "op": 0, "profile": {"value": "data.job.company.size", "ref": true}}
                 ]}""");
        DotPath.set(profile.json(), "traits.nick", json("\"kept\""));

        boolean changed = apply(event("newsletter-signup", """
                {"email": "anna@example.com", "nick": "annie", "topics": ["sport", "news", "sport"]}"""));

        assertThat(changed).isTrue();
        assertThat(DotPath.getText(profile.json(), "data.contact.email.private")).contains("anna@example.com");
        assertThat(DotPath.getText(profile.json(), "traits.nick")).contains("kept");
        assertThat(profile.json().at("/data/preferences/other").toString()).isEqualTo("[\"sport\",\"news\"]");
        assertThat(profile.json().at("/segments").toString()).isEqualTo("[\"newsletter\"]");
        assertThat(profile.json().at("/data/job/company/size").asLong()).isEqualTo(7);
        assertThat(profile.json().at("/data/anonymous").asBoolean()).isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void mappingsRunAfterTheBuiltInDefinitionAndInIdOrder() {
        define("""
                {"id": "a-first", "enabled": true, "event_type": {"id": "sign-in"},
                 "event_to_profile": [{"event": {"value": "properties.email.main", "ref": true}, "op": 0,
                                       "profile": {"value": "traits.login_email", "ref": true}},
                                      {"event": {"value": "first", "ref": false}, "op": 0,
                                       "profile": {"value": "traits.order", "ref": true}}]}""");
        define("""
                {"id": "b-second", "enabled": true, "event_type": {"id": "sign-in"},
                 "event_to_profile": [{"event": {"value": "second", "ref": false}, "op": 0,
                                       "profile": {"value": "traits.order", "ref": true}},
                                      {"event": {"value": "data.identifier.pk", "ref": true}, "op": 0,
                                       "profile": {"value": "traits.pk_from_event_data", "ref": true}}]}""");

        apply(event("sign-in", "{\"email\": {\"main\": \"anna@example.com\"}, \"pk\": \"pk-1\"}"));

        assertThat(DotPath.getText(profile.json(), "traits.login_email")).contains("anna@example.com");
        assertThat(DotPath.getText(profile.json(), "traits.order")).contains("second");
        // The built-in copy filled the event's data before the custom mappings read it.
        assertThat(DotPath.getText(profile.json(), "traits.pk_from_event_data")).contains("pk-1");
        assertThat(profile.primaryId()).isEqualTo("pk-1");
    }

    @Test
    void aMappingWithAConditionAppliesOnlyWhenItHolds() {
        define("""
                {"id": "conditional", "enabled": true, "event_type": {"id": "purchase"},
                 "config": {"condition": "event@properties.value > 10"},
                 "event_to_profile": [{"event": {"value": "properties.value", "ref": true}, "op": 0,
                                       "profile": {"value": "traits.value", "ref": true}}]}""");
        assertThat(apply(event("purchase", "{\"value\": 5}"))).isFalse();
        assertThat(profile.json().at("/traits/value").isMissingNode()).isTrue();
        assertThat(apply(event("purchase", "{\"value\": 20}"))).isTrue();
        assertThat(profile.json().at("/traits/value").asInt()).isEqualTo(20);
        assertThat(warnings).isEmpty();
    }

    @Test
    void disabledMappingsDoNothing() {
        define("""
                {"id": "off", "enabled": false, "event_type": {"id": "purchase"},
                 "event_to_profile": [{"event": {"value": "properties.value", "ref": true}, "op": 0,
                                       "profile": {"value": "traits.value", "ref": true}}]}""");
        assertThat(apply(event("purchase", "{\"value\": 20}"))).isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void badItemsAreSkippedWithWarnings() {
        define("""
                {"id": "bad", "enabled": true, "event_type": {"id": "purchase"},
                 "event_to_profile": [
                   {"event": {"value": "properties.missing", "ref": true}, "op": 0, "profile": {"value": "traits.a", "ref": true}},
                   {"event": {"value": "properties.blank", "ref": true}, "op": 0, "profile": {"value": "traits.b", "ref": true}},
                   {"event": {"value": "properties.value", "ref": true}, "op": 0, "profile": {"value": "metadata.status", "ref": true}},
                   {"event": {"value": "properties.value", "ref": true}, "op": 0, "profile": {"value": "data.no.such.field", "ref": true}},
                   {"event": {"value": "properties.value", "ref": true}, "op": 9, "profile": {"value": "traits.c", "ref": true}},
                   {"event": {"value": "properties.value", "ref": true}, "op": 2, "profile": {"value": "data.contact.email.main", "ref": true}},
                   {"event": {"value": "properties.shape", "ref": true}, "op": 0, "profile": {"value": "data.pii.firstname", "ref": true}},
                   {"event": {"value": "properties.value", "ref": true}, "op": 0, "profile": {"value": "traits.ok", "ref": true}}
                 ]}""");

        assertThat(apply(event("purchase", "{\"value\": 20, \"blank\": \"\", \"shape\": {\"a\": 1}}"))).isTrue();

        assertThat(profile.json().at("/traits").toString()).isEqualTo("{\"ok\":20}");
        assertThat(warnings).containsExactly(
                "Mapping properties.missing → traits.a skipped: no value",
                "Mapping properties.blank → traits.b skipped: no value",
                "Mapping properties.value → metadata.status skipped: the target must start with one of "
                        + EventToProfileMapping.ALLOWED_ROOTS,
                "Mapping properties.value → data.no.such.field skipped: no such profile field",
                "Mapping properties.value → traits.c skipped: unknown operation 9",
                "Mapping properties.value → data.contact.email.main skipped: not a list field",
                "Mapping properties.shape → data.pii.firstname skipped: not a string: an object");
    }

    @Test
    void idsAlwaysKeepTheProfilesOwnId() {
        define("""
                {"id": "ids", "enabled": true, "event_type": {"id": "crm-link"},
                 "event_to_profile": [{"event": {"value": "properties.crm", "ref": true}, "op": 0,
                                       "profile": {"value": "ids", "ref": true}}]}""");
        apply(event("crm-link", "{\"crm\": \"crm-42\"}"));
        assertThat(profile.ids()).containsExactly("crm-42", "profile-1");
    }
}
