package org.opencdp.server.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.opencdp.server.mapping.MappingFixtures.NOW;
import static org.opencdp.server.mapping.MappingFixtures.event;
import static org.opencdp.server.mapping.MappingFixtures.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

/** The built-in event types applied to a profile (processing §7.1, domain-model §13). */
class BuiltinMappingTest {

    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("acme"));

    private final EventToProfileMapper mapper = new EventToProfileMapper(BuiltinEventTypes.shared(),
            (scope, type) -> List.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<String> warnings = new ArrayList<>();

    private static ProfileDocument profile() {
        return ProfileDocument.create("profile-1", NOW);
    }

    private boolean apply(EventDocument event, ProfileDocument profile) {
        return mapper.apply(SCOPE, event, profile, null, warnings);
    }

    /** A type, example properties, and the JSON expected at profile paths ({@code profile:…}) and event paths ({@code event:…}). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sign-in", """
                        {"email": {"main": "anna@example.com"}, "phone": {"mobile": 48600100200}, "pk": "cust-1", "login": "anna"}""",
                        expect("profile:data.contact.email.main", "\"anna@example.com\"",
                                "profile:primary_id", "\"cust-1\"",
                                "profile:data.identifier.pk", "\"cust-1\"",
                                "profile:data.identifier.token", "\"anna\"",
                                // a number into a string field becomes its decimal text (§7.4)
                                "profile:data.contact.phone.mobile", "\"48600100200\"",
                                "profile:data.contact.email.private", "null",
                                "profile:data.anonymous", "false",
                                "event:data.contact.email.main", "\"anna@example.com\"",
                                "event:tags.values", "[\"event:behavioral\"]",
                                "event:tags.count", "1",
                                "event:journey.state", "\"consideration\"")),
                Arguments.of("identification", """
                        {"email": {"business": "a@corp.example"}, "id": "ID-7", "passport": "P123", "badge": "B1",
                         "credit_card": "4111", "coupon": "WELCOME", "twitter": "@anna", "pk": "pk-9"}""",
                        expect("profile:data.contact.email.business", "\"a@corp.example\"",
                                "profile:data.identifier.id", "\"ID-7\"",
                                "profile:data.identifier.passport", "\"P123\"",
                                "profile:data.identifier.badge", "\"B1\"",
                                "profile:data.identifier.credit_card", "\"4111\"",
                                "profile:data.identifier.coupons", "[\"WELCOME\"]",
                                "profile:data.contact.app.twitter", "\"@anna\"",
                                "profile:primary_id", "\"pk-9\"",
                                "profile:data.anonymous", "false",
                                "event:tags.values", "[\"event:operational\"]")),
                Arguments.of("sign-up", """
                        {"email": {"private": "me@home.example"}, "login": "me", "firstname": "Anna", "lastname": "Nowak"}""",
                        expect("profile:data.contact.email.private", "\"me@home.example\"",
                                "profile:data.identifier.token", "\"me\"",
                                "profile:data.pii.firstname", "\"Anna\"",
                                "profile:data.pii.lastname", "\"Nowak\"",
                                "profile:primary_id", "null")),
                Arguments.of("profile-update", """
                        {"pii": {"firstname": "Ann", "birthday": "2010-01-01 00:00:00", "attributes": {"height": "172.5"},
                                 "language": {"spoken": "Polish"}},
                         "job": {"company": {"size": "100"}, "salary": 10},
                         "contact": {"app": {"slack": "ann"}},
                         "preferences": {"colors": "red"}}""",
                        expect("profile:data.pii.firstname", "\"Ann\"",
                                "profile:data.pii.birthday", "\"2010-01-01T00:00:00.000000+00:00\"",
                                "profile:data.pii.attributes.height", "172.5",
                                "profile:data.pii.language.spoken", "\"Polish\"",
                                "profile:data.job.company.size", "100",
                                "profile:data.job.salary", "10.0",
                                "profile:data.preferences.colors", "[\"red\"]",
                                "profile:data.anonymous", "false",
                                "event:data.pii.attributes.height", "172.5",
                                "event:tags.values", "[\"entity:profile\"]")),
                Arguments.of("consent-update", """
                        {"consents": {"marketing": {"revoke": null}, "cookies": {"revoke": "2030-01-01T00:00:00Z"}}}""",
                        expect("profile:consents.marketing", "{\"revoke\":null}",
                                "profile:consents.cookies.revoke", "\"2030-01-01T00:00:00Z\"")),
                Arguments.of("delivery-info-entered", """
                        {"order_id": "o-1", "delivery": {"town": "Kraków", "postcode": "30-001", "street": "Rynek 1"}}""",
                        expect("profile:data.contact.address.town", "\"Kraków\"",
                                "profile:data.contact.address.postcode", "\"30-001\"",
                                "profile:data.contact.address.street", "\"Rynek 1\"",
                                "event:data.ec.order.id", "\"o-1\"",
                                "event:journey.state", "\"purchase\"")),
                Arguments.of("loyalty-card-added", """
                        {"id": "card-1", "name": "Gold", "issuer": "Shop", "expires": "2027-01-01 00:00:00"}""",
                        expect("profile:data.loyalty.card.id", "\"card-1\"",
                                "profile:data.loyalty.card.expires", "\"2027-01-01T00:00:00.000000+00:00\"",
                                "event:data.loyalty.card.name", "\"Gold\"")),
                Arguments.of("add-color-preference", """
                        {"color": "white"}""",
                        expect("profile:data.preferences.colors", "[\"white\"]",
                                "event:traits.color", "\"white\"")),
                Arguments.of("location", """
                        {"location": [19.94, 50.06]}""",
                        expect("profile:data.devices.last.geo.longitude", "19.94",
                                "profile:data.devices.last.geo.latitude", "50.06",
                                "profile:data.devices.last.geo.location", "[19.94,50.06]",
                                "event:device.geo.location", "[19.94,50.06]")),
                Arguments.of("messaging-started", """
                        {"conversation": "c-1", "identity": {"email": {"main": "m@example.com"}, "phone": {"whatsapp": "+48600"}}}""",
                        expect("profile:data.contact.email.main", "\"m@example.com\"",
                                "profile:data.contact.phone.whatsapp", "\"+48600\"",
                                "event:data.message.conversation", "\"c-1\"",
                                "event:tags.values", "[\"client-tag\"]")),
                Arguments.of("page-view", """
                        {"id": "home", "category": "landing"}""",
                        expect("event:hit.id", "\"home\"",
                                "event:hit.category", "\"landing\"",
                                "event:journey.state", "\"awareness\"",
                                "event:tags.values", "[\"activity:browsing\"]",
                                "profile:data.anonymous", "true")),
                Arguments.of("product-added-to-basket", """
                        {"id": "sku-1", "name": "Shoe", "variant": {"color": "red", "size": 42}, "price": "10.5", "quantity": 2.0}""",
                        expect("event:data.ec.product.variant", "{\"color\":\"red\",\"size\":\"42\"}",
                                "event:data.ec.product.price", "10.5",
                                "event:data.ec.product.quantity", "2",
                                "event:tags.values", "[\"entity:product\"]")),
                Arguments.of("order-started", """
                        {"id": "o-2", "income": {"value": 99, "currency": "EUR", "due_date": "2026-04-01"}}""",
                        expect("event:data.ec.order.income", "{\"value\":99.0,\"currency\":\"EUR\",\"due_date\":\"2026-04-01T00:00:00.000000+00:00\"}")),
                Arguments.of("visit-started", "{}",
                        expect("event:tags.values", "[\"event:system\"]")));
    }

    private static Map<String, String> expect(String... pairs) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            expected.put(pairs[i], pairs[i + 1]);
        }
        return expected;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBuiltInTypeMapsItsPropertiesIntoTheEventAndTheProfile(String type, String properties,
                                                                Map<String, String> expected) {
        ProfileDocument profile = profile();
        EventDocument event = event(type, properties);
        apply(event, profile);
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String[] where = entry.getKey().split(":", 2);
            JsonNode root = where[0].equals("profile") ? profile.json() : event.json();
            assertThat(DotPath.get(root, where[1]).map(JsonNode::toString).orElse("<missing>"))
                    .as(type + " " + entry.getKey() + " (warnings " + warnings + ")").isEqualTo(entry.getValue());
        }
        assertThat(warnings).as("warnings").isEmpty();
    }

    @Test
    void equalsIfNotExistsKeepsASetValueButFillsNullBlankAndEmpty() {
        ProfileDocument profile = profile();
        DotPath.set(profile.json(), "data.contact.email.main", json("\"kept@example.com\""));
        DotPath.set(profile.json(), "data.contact.email.private", json("\"\""));
        DotPath.set(profile.json(), "data.contact.email.business", json("\"  \""));
        DotPath.remove(profile.json(), "data.contact.phone.main");
        EventDocument message = event("message-received", """
                {"identity": {"email": {"main": "new@example.com", "private": "p@example.com", "business": "b@example.com"},
                              "phone": {"main": "+1", "mobile": "+2"}}}""");

        assertThat(apply(message, profile)).isTrue();

        assertThat(DotPath.getText(profile.json(), "data.contact.email.main")).contains("kept@example.com");
        assertThat(DotPath.getText(profile.json(), "data.contact.email.private")).contains("p@example.com");
        assertThat(DotPath.getText(profile.json(), "data.contact.email.business")).contains("b@example.com");
        assertThat(DotPath.getText(profile.json(), "data.contact.phone.main")).contains("+1");
        assertThat(DotPath.getText(profile.json(), "data.contact.phone.mobile")).contains("+2");
        // The event keeps what it said.
        assertThat(DotPath.getText(message.json(), "data.contact.email.main")).contains("new@example.com");
        assertThat(warnings).isEmpty();
    }

    @Test
    void appendMakesAListUnionWithoutDuplicates() {
        ProfileDocument profile = profile();
        DotPath.set(profile.json(), "data.identifier.coupons", json("\"OLD\""));
        apply(event("identification", "{\"coupon\": \"C1\"}"), profile);
        apply(event("identification", "{\"coupon\": \"C1\"}"), profile);
        apply(event("identification", "{\"coupon\": \"C2\"}"), profile);
        assertThat(profile.json().at("/data/identifier/coupons").toString()).isEqualTo("[\"OLD\",\"C1\",\"C2\"]");

        apply(event("add-brand-preference", "{\"brand\": \"apple\"}"), profile);
        boolean again = apply(event("add-brand-preference", "{\"brand\": \"apple\"}"), profile);
        apply(event("add-brand-preference", "{\"brand\": \"sony\"}"), profile);
        assertThat(again).as("appending a present value is no change").isFalse();
        assertThat(profile.json().at("/data/preferences/brands").toString()).isEqualTo("[\"apple\",\"sony\"]");
        assertThat(warnings).isEmpty();
    }

    @Test
    void typeMismatchesAreSkippedWithAWarningNeverAnException() {
        ProfileDocument profile = profile();
        EventDocument update = event("profile-update", """
                {"pii": {"firstname": {"not": "a string"}, "lastname": "Kept", "attributes": {"height": "tall"}},
                 "job": {"company": {"size": 12.5}}, "loyalty": {"card": {"expires": "someday"}},
                 "contact": {"address": {"town": ["a", "list"]}}}""");

        assertThatCode(() -> apply(update, profile)).doesNotThrowAnyException();

        assertThat(DotPath.getText(profile.json(), "data.pii.lastname")).contains("Kept");
        assertThat(profile.json().at("/data/pii/firstname").isNull()).isTrue();
        assertThat(profile.json().at("/data/pii/attributes/height").isNull()).isTrue();
        assertThat(profile.json().at("/data/job/company/size").isNull()).isTrue();
        assertThat(warnings).contains(
                "Mapping properties.pii.firstname → data.pii.firstname skipped: not a string: an object",
                "Mapping properties.pii.attributes.height → data.pii.attributes.height skipped: not a number: \"tall\"",
                "Mapping properties.job.company.size → data.job.company.size skipped: not an integer: 12.5",
                "Mapping properties.loyalty.card.expires → data.loyalty.card.expires skipped: not a datetime: \"someday\"",
                "Mapping properties.contact.address.town → data.contact.address.town skipped: a list where one value is expected");
        // Nothing that was refused reached the event either.
        assertThat(update.json().at("/data/pii/attributes/height").isMissingNode()).isTrue();
    }

    @Test
    void aNonNumberAddedToAMetricIsSkippedWithAWarning() {
        ProfileDocument profile = profile();
        EventDocument completed = event("checkout-completed", "{\"id\": \"c-1\", \"value\": \"lots\"}");
        apply(completed, profile);
        assertThat(warnings).contains(
                "Mapping properties.value → data.ec.checkout.value skipped: not a number: \"lots\"",
                "Mapping properties.value → data.metrics.ltcocv skipped: not a number: \"lots\"");
        assertThat(profile.json().at("/data/metrics/ltcocc").asLong()).isEqualTo(1);
        assertThat(profile.json().at("/data/metrics/ltcocv").asDouble()).isZero();
    }

    @Test
    void checkoutMetricsCountValuesAndTheCompletionRatio() {
        ProfileDocument profile = profile();
        apply(event("checkout-started", "{\"id\": \"c-1\", \"value\": 100, \"currency\": \"EUR\"}"), profile);
        apply(event("checkout-started", "{\"id\": \"c-2\", \"value\": \"50.5\"}"), profile);
        assertThat(profile.json().at("/data/metrics/ltcop").asDouble()).isZero();
        apply(event("checkout-completed", "{\"id\": \"c-1\", \"value\": 80}"), profile);

        JsonNode metrics = profile.json().at("/data/metrics");
        assertThat(metrics.get("ltcosc").asLong()).isEqualTo(2);
        assertThat(metrics.get("ltcosc").isIntegralNumber()).isTrue();
        assertThat(metrics.get("ltcosv").asDouble()).isEqualTo(150.5);
        assertThat(metrics.get("ltcocc").asLong()).isEqualTo(1);
        assertThat(metrics.get("ltcocv").asDouble()).isEqualTo(80.0);
        // D27: completed ÷ started.
        assertThat(metrics.get("ltcop").asDouble()).isEqualTo(0.5);
        assertThat(warnings).isEmpty();
    }

    @Test
    void interestsGoUpDownAndAreReset() {
        ProfileDocument profile = profile();
        apply(event("increase-interest", "{\"interest\": \"running\", \"value\": 1.0}"), profile);
        apply(event("increase-interest", "{\"interest\": \"running\"}"), profile);
        apply(event("decrease-interest", "{\"interest\": \"running\", \"value\": \"0.5\"}"), profile);
        assertThat(profile.json().at("/interests/running").asDouble()).isEqualTo(1.5);
        apply(event("reset-interest", "{\"interest\": \"running\"}"), profile);
        assertThat(profile.json().at("/interests/running").asDouble()).isZero();

        apply(event("increase-interest", "{\"interest\": \"a.b\"}"), profile);
        apply(event("increase-interest", "{\"value\": 2}"), profile);
        assertThat(warnings).containsExactly(
                "Mapping properties.interest → interests skipped: an interest name can not contain '.'",
                "Mapping properties.interest → interests skipped: no interest name");
    }

    @Test
    void lifecycleStatesAndDeletion() {
        ProfileDocument profile = profile();
        profile.newVisit(NOW, null);
        profile.newVisit(NOW.plusSeconds(3600), null);
        EventDocument view = event("page-view", "{}");
        apply(view, profile);
        assertThat(view.json().at("/journey/state").asText()).isEqualTo("consideration");

        apply(event("loyalty-card-added", "{\"id\": \"card-1\", \"name\": \"Gold\"}"), profile);
        assertThat(apply(event("loyalty-card-removed", "{\"id\": \"card-1\"}"), profile)).isTrue();
        assertThat(profile.json().at("/data/loyalty/card/id").isNull()).isTrue();
        assertThat(profile.json().at("/data/loyalty/card/name").isNull()).isTrue();
    }

    @Test
    void changesAreRecordedAndRepeatingThemIsNoChange() {
        ProfileDocument profile = profile();
        EventDocument first = event("sign-in", "{\"email\": {\"main\": \"anna@example.com\"}}");
        assertThat(apply(first, profile)).isTrue();
        assertThat(profile.json().at("/metadata/fields").get("data.contact.email.main").toString())
                .isEqualTo("[\"2026-03-01T10:00:00.000000+00:00\",\"" + first.id() + "\"]");
        assertThat(apply(event("sign-in", "{\"email\": {\"main\": \"anna@example.com\"}}"), profile)).isFalse();
        assertThat(apply(event("page-view", "{}"), profile)).isFalse();
    }

    @Test
    void withoutAProfileOnlyTheEventChanges() {
        EventDocument signIn = event("sign-in", json("{\"email\": {\"main\": \"anna@example.com\"}}"), List.of(), true);
        assertThat(mapper.apply(SCOPE, signIn, null, null, warnings)).isFalse();
        assertThat(DotPath.getText(signIn.json(), "data.contact.email.main")).contains("anna@example.com");
        assertThat(signIn.json().at("/tags/values").toString()).isEqualTo("[\"event:behavioral\"]");
    }

    @Test
    void invalidEventsAreNotMapped() {
        ProfileDocument profile = profile();
        EventDocument signIn = event("sign-in", "{\"email\": {\"main\": \"anna@example.com\"}}");
        ((com.fasterxml.jackson.databind.node.ObjectNode) signIn.json().get("metadata")).put("valid", false);
        assertThat(apply(signIn, profile)).isFalse();
        assertThat(profile.json().at("/data/contact/email/main").isNull()).isTrue();
    }

    @Test
    void unknownTypesChangeNothing() {
        ProfileDocument profile = profile();
        String before = profile.json().toString();
        EventDocument custom = event("my-own-type", "{\"email\": \"x@example.com\"}");
        assertThat(apply(custom, profile)).isFalse();
        assertThat(profile.json().toString()).isEqualTo(before);
        assertThat(custom.json().at("/tags/values").toString()).isEqualTo("[\"client-tag\"]");
    }
}
