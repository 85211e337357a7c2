package org.opencdp.server.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTracardiDocumentIsReadWithItsDefaults() throws Exception {
        EventSource source = EventSource.fromJson(JSON.readTree("""
                {"id": " 9DBD2AC3-Web ", "name": "Web page", "type": "rest",
                 "bridge": {"id": "778ded05-4ff3-4e08-9a86-72c0195fa95d", "name": "REST API Bridge"},
                 "channel": "Web", "config": {"static_profile_id": true, "max_backdate_days": 7, "x": null}}"""));
        assertThat(source.id()).isEqualTo("9dbd2ac3-web");
        assertThat(source.type()).containsExactly("rest");
        assertThat(source.enabled()).isTrue();
        assertThat(source.transitional()).isFalse();
        assertThat(source.tags()).isEmpty();
        assertThat(source.groups()).isEmpty();
        assertThat(source.bridge()).isEqualTo(EventSource.REST_BRIDGE);
        assertThat(source.configFlag("static_profile_id", false)).isTrue();
        assertThat(source.configFlag("sticky_session", true)).isTrue();
        assertThat(source.config()).containsEntry("max_backdate_days", 7).containsEntry("x", null);
        assertThat(source.hasKnownType()).isTrue();
    }

    @Test
    void theStoredShapeHasEveryFieldAndKeepsUnknownOnes() throws Exception {
        JsonNode input = JSON.readTree("""
                {"id": "hook", "name": "Hook", "type": ["Webhook", "rest", "webhook"], "enabled": false,
                 "transitional": true, "tags": ["a"], "returns_profile": true, "endpoints": {"get": "/x"}}""");
        EventSource source = EventSource.fromJson(input);
        JsonNode output = source.toJson();
        assertThat(output.path("type")).hasToString("[\"webhook\",\"rest\"]");
        assertThat(output.path("enabled").booleanValue()).isFalse();
        assertThat(output.path("transitional").booleanValue()).isTrue();
        assertThat(output.path("config").isObject()).isTrue();
        assertThat(output.path("groups").isArray()).isTrue();
        assertThat(output.path("returns_profile").booleanValue()).isTrue();
        assertThat(output.path("endpoints").path("get").asText()).isEqualTo("/x");
        assertThat(output.has("bridge")).isTrue();
        assertThat(EventSource.fromJson(output)).isEqualTo(source);
    }

    @Test
    void unknownTypesAloneAreNotEnough() throws Exception {
        assertThat(EventSource.fromJson(JSON.readTree("{\"id\": \"a\", \"type\": [\"carrier-pigeon\"]}")).hasKnownType()).isFalse();
        assertThat(EventSource.fromJson(JSON.readTree("{\"id\": \"a\"}")).hasKnownType()).isFalse();
        assertThat(EventSource.fromJson(JSON.readTree("{\"id\": \"a\", \"type\": [\"pigeon\", \"mqtt\"]}")).hasKnownType()).isTrue();
    }

    @Test
    void onlyObjectsAreSources() {
        assertThatThrownBy(() -> EventSource.fromJson(JSON.readTree("[1]"))).isInstanceOf(IllegalArgumentException.class);
    }
}
