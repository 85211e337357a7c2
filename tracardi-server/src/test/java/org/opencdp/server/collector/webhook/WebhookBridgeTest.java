package org.opencdp.server.collector.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.server.collector.track.TrackPayload;
import org.opencdp.server.collector.track.TrackService;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

class WebhookBridgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SALT = "change-me-to-a-long-random-salt";
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));
    private final WebhookPayloads payloads = new WebhookPayloads(JSON);
    private final WebhookBridge bridge = new WebhookBridge(new HashedIds(SALT), true,
            new MergingKeyLookup(MergingKeyLookup.Mappings.NONE, MergingKeyLookup.BUILT_IN));

    @Test
    void hashedIdsMatchTheSpecTestVectors() {
        HashedIds hashes = new HashedIds(SALT);
        assertThat(hashes.hash("data.contact.email.main", " Anna@Example.com ")).contains("emm-f6398abe-4297-6047-d168-bd6dde307bd0");
        assertThat(hashes.hash("data.contact.phone.mobile", "+48600100200")).contains("pho-58fcc269-6f91-566a-deb2-654038b4fbed");
        assertThat(hashes.hash("data.pii.firstname", "Anna")).isEmpty();
        assertThat(hashes.stickySessionId("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")).isEqualTo("2d3f0d00-2245-6d79-e51b-d7c208a37bdf");
    }

    @Test
    void withoutBridgeOptionsTheRouteDecides() {
        EventSource plain = source(Map.of());
        TrackService.Routing sessionLess = route(plain, "x", null, "{}", false);
        assertThat(sessionLess.profileLess()).isTrue();
        assertThat(sessionLess.sessionLess()).isTrue();
        assertThat(sessionLess.staticProfileId()).isNull();
        TrackService.Routing withSession = route(plain, "x", "s-1", "{}", true);
        assertThat(withSession.profileLess()).isFalse();
        assertThat(withSession.sessionLess()).isFalse();
        assertThat(withSession.payload().sessionId()).isEqualTo("s-1");
    }

    @Test
    void generateProfileHashesAMergingKeyAndDerivesTheStickySession() {
        EventSource generating = source(Map.of("generate_profile", true));
        TrackService.Routing routing = route(generating, "sign-up", null, "{\"email\":{\"main\":\"anna@example.com\"}}", false);
        assertThat(routing.profileLess()).isFalse();
        assertThat(routing.staticProfileId()).isEqualTo("emm-f6398abe-4297-6047-d168-bd6dde307bd0");
        assertThat(routing.payload().sessionId()).isEqualTo(new HashedIds(SALT).stickySessionId(routing.staticProfileId()));
        assertThat(routing.payload().options().path("saveSession").asBoolean()).isTrue();
        assertThat(routing.payload().options().path("saveProfile").asBoolean()).isTrue();

        TrackService.Routing notSticky = route(source(Map.of("generate_profile", true, "sticky_session", false)), "sign-up",
                "given", "{\"email\":{\"main\":\"anna@example.com\"}}", true);
        assertThat(notSticky.payload().sessionId()).isEqualTo("given");

        TrackService.Routing noKey = route(generating, "order-completed", null, "{\"email\":{\"main\":\"anna@example.com\"}}", false);
        assertThat(noKey.profileLess()).isFalse();
        assertThat(noKey.sessionLess()).isFalse();
        assertThat(noKey.staticProfileId()).isNull();
        assertThat(noKey.payload().sessionId()).isNull();
    }

    @Test
    void replaceProfileIdTakesTheIdFromAProperty() {
        EventSource replacing = source(Map.of("replace_profile_id", "customer.id"));
        TrackService.Routing routing = route(replacing, "x", null, "{\"customer\":{\"id\":\" c-42 \"}}", false);
        assertThat(routing.staticProfileId()).isEqualTo("c-42");
        assertThat(routing.payload().sessionId()).isEqualTo("c-42");
        assertThat(routing.profileLess()).isFalse();
        assertThat(route(replacing, "x", "s-9", "{\"customer\":{\"id\":7}}", true).payload().sessionId()).isEqualTo("s-9");
        assertThat(route(source(Map.of("replace_profile_id", "properties.customer.id")), "x", null,
                "{\"customer\":{\"id\":7}}", false).staticProfileId()).isEqualTo("7");
        TrackService.Routing missing = route(replacing, "x", null, "{\"customer\":{\"id\":\"  \"}}", false);
        assertThat(missing.staticProfileId()).isNull();
        assertThat(missing.profileLess()).isTrue();
    }

    private TrackService.Routing route(EventSource source, String type, String session, String properties, boolean withSession) {
        try {
            TrackPayload payload = payloads.payload(type, source.id(), session, (ObjectNode) JSON.readTree(properties));
            return bridge.forRoute(withSession).route(SCOPE, source, payload, !withSession);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static EventSource source(Map<String, Object> config) {
        return new EventSource("hook", "Hook", null, List.of("webhook"), null, null, "Web", true, false, false, List.of(),
                List.of(), false, false, false, null, null, null, config, Map.of());
    }
}
