package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugin.ConsentTypeLookup;
import org.opencdp.server.workflow.plugins.consents.ConsentAdder;
import org.opencdp.server.workflow.plugins.consents.RequireConsentsAction;
import org.opencdp.server.workflow.plugins.ux.ConsentUx;
import org.opencdp.server.workflow.plugins.ux.GenericJsScriptPlugin;

/** Show consent bar, Custom JavaScript, Add consent and Require consents (workflows §8). */
class UxAndConsentPluginsTest {

    private final FlowHarness harness = new FlowHarness();

    @Test
    void theConsentBarIsAppendedToUx() throws Exception {
        FlowHarness.Run run = harness.run(new ConsentUx(), "{\"endpoint\": \"https://cdp.example.com\", \"uix_source\": \"https://cdn.example.com/\","
                + " \"event_type\": \"user-consent-pref\", \"agree_all_event_type\": \"agree-all\", \"position\": \"top\", \"expand_height\": \"300\"}");
        JsonNode ux = run.state().ux();
        assertThat(ux).hasSize(2);
        assertThat(ux.get(0).path("tag").asText()).isEqualTo("div");
        JsonNode props = ux.get(0).path("props");
        assertThat(props.path("class").asText()).isEqualTo("tracardi-uix-consent");
        assertThat(props.path("data-endpoint").asText()).isEqualTo("https://cdp.example.com");
        assertThat(props.path("data-position").asText()).isEqualTo("top");
        assertThat(props.path("data-expand-height").asInt()).isEqualTo(300);
        assertThat(props.path("data-profile").asText()).isEqualTo("profile-1");
        assertThat(props.path("data-session").asText()).isEqualTo("session-1");
        assertThat(props.path("data-source").asText()).isEqualTo("source-1");
        assertThat(ux.get(1).toString()).isEqualTo("{\"tag\":\"script\",\"props\":{\"src\":\"https://cdn.example.com/uix/consent/index.js\"},\"content\":null}");
    }

    @Test
    void theConsentBarIsSkippedForAProfileWithConsentsUnlessAlwaysDisplayed() throws Exception {
        harness.profile.withObject("consents").putObject("marketing").putNull("revoke");
        assertThat(harness.run(new ConsentUx(), "{\"endpoint\": \"e\", \"uix_source\": \"u\", \"event_type\": \"t\", \"agree_all_event_type\": \"a\","
                + " \"always_display\": false}").state().ux()).isEmpty();
        assertThat(harness.run(new ConsentUx(), null).state().ux()).hasSize(2);
        assertThat(harness.run(new ConsentUx(), "{\"endpoint\": \"e\", \"uix_source\": \"u\", \"event_type\": \"t\", \"agree_all_event_type\": \"a\","
                + " \"enabled\": false}").state().ux()).isEmpty();
        assertThatThrownBy(() -> harness.compileOnly(new ConsentUx(), "{\"endpoint\": \"\"}")).isInstanceOf(FlowCompileException.class);
    }

    @Test
    void customJavaScriptIsAppendedToUx() throws Exception {
        FlowHarness.Run run = harness.run(new GenericJsScriptPlugin(), "{\"attributes\": {\"async\": \"true\"}, \"content\": \"alert(1)\"}", "{\"a\": 1}");
        assertThat(run.state().ux().get(0).toString()).isEqualTo("{\"tag\":\"script\",\"props\":{\"async\":\"true\"},\"content\":\"alert(1)\"}");
        assertThat(run.ports()).containsExactly("response");
    }

    @Test
    void addConsentGrantsRevokesAndSkipsUnknownTypes() throws Exception {
        Map<String, String> types = Map.of(
                "marketing", "{\"id\": \"marketing\", \"revokable\": true, \"auto_revoke\": \"30d\", \"enabled\": true}",
                "cookies", "{\"id\": \"cookies\", \"revokable\": false, \"enabled\": true}",
                "off", "{\"id\": \"off\", \"enabled\": false}");
        ConsentTypeLookup lookup = (scope, id) -> types.containsKey(id) ? Optional.of(FlowHarness.JSON.readTree(types.get(id))) : Optional.empty();
        harness.profile.withObject("consents").putObject("cookies").putNull("revoke");
        harness.properties("{\"consents\": {\"marketing\": true, \"cookies\": false, \"unknown\": true, \"off\": true}}");
        FlowHarness.Run run = harness.run(new ConsentAdder(lookup), "{\"consents\": \"event@properties.consents\"}");
        assertThat(run.result().ok()).as(run.result().error()).isTrue();
        assertThat(run.profile().path("consents").toString()).isEqualTo("{\"marketing\":{\"revoke\":\"2026-12-31T10:00:00.000000+00:00\"}}");
        assertThat(run.profile().path("aux").path("consents").path("granted").asBoolean()).isTrue();
        assertThat(run.state().console()).filteredOn(entry -> entry.type().equals("warning")).hasSize(2);

        harness.properties("{\"consents\": \"yes\"}");
        assertThat(harness.run(new ConsentAdder(lookup), "{\"consents\": \"event@properties.consents\"}").result().ok()).isFalse();
    }

    @Test
    void requireConsentsChecksGrantedAndNotRevoked() throws Exception {
        harness.profile.withObject("consents").putObject("a").putNull("revoke");
        harness.profile.withObject("consents").putObject("b").put("revoke", "2027-01-01T00:00:00+00:00");
        harness.profile.withObject("consents").putObject("expired").put("revoke", "2026-01-01T00:00:00+00:00");
        RequireConsentsAction plugin = new RequireConsentsAction();
        assertThat(harness.run(plugin, "{\"consent_ids\": [{\"id\": \"a\", \"name\": \"A\"}, \"b\"], \"require_all\": true}").ports()).containsExactly("true");
        assertThat(harness.run(plugin, "{\"consent_ids\": [\"a\", \"expired\"], \"require_all\": true}").ports()).containsExactly("false");
        assertThat(harness.run(plugin, "{\"consent_ids\": [\"expired\", \"b\"], \"require_all\": false}").ports()).containsExactly("true");
        assertThat(harness.run(plugin, "{\"consent_ids\": [\"expired\", \"none\"]}").ports()).containsExactly("false");
        assertThat(new FlowHarness().profileLess().run(plugin, "{\"consent_ids\": [\"a\"]}").ports()).containsExactly("false");
    }
}
