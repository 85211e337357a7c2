package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.PluginRegistry;
import org.opencdp.server.workflow.plugin.ActionPlugin;
import org.opencdp.server.workflow.plugins.misc.DetectClientAgentAction;
import org.opencdp.server.workflow.plugins.misc.GetUuid4Action;
import org.opencdp.server.workflow.plugins.strings.ParseURLParameters;
import org.opencdp.server.workflow.plugins.time.TodayAction;

/** Detect device, Parse URL, UUID4, Today, and the registry of every built-in action. */
class UtilityPluginsTest {

    private final FlowHarness harness = new FlowHarness();

    @Test
    void detectDeviceParsesTheUserAgent() throws Exception {
        harness.session.with("context").with("browser").with("local").with("browser").put("userAgent",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.5 Mobile/15E148 Safari/604.1");
        FlowHarness.Run run = harness.run(new DetectClientAgentAction(PluginServices.unavailable().userAgents()), null);
        assertThat(run.result().ok()).as(run.result().error()).isTrue();
        assertThat(run.on("payload").path("os").path("name").asText()).isEqualTo("iOS");
        assertThat(run.on("payload").path("browser").path("name").asText()).isEqualTo("Mobile Safari");
        assertThat(run.on("payload").path("device").path("type").asText()).isEqualTo("mobile");
        assertThat(run.on("payload").path("bot").asBoolean()).isFalse();
    }

    @Test
    void parseUrlSplitsTheUrl() throws Exception {
        harness.session.with("context").with("page").put("url", "https://Shop.Example.com/cart/view?item=a%20b&x=1&empty=#top");
        FlowHarness.Run run = harness.run(new ParseURLParameters(), null);
        assertThat(run.on("payload").toString()).isEqualTo("{\"url\":\"https://Shop.Example.com/cart/view?item=a%20b&x=1&empty=#top\","
                + "\"scheme\":\"https\",\"hostname\":\"shop.example.com\",\"path\":\"/cart/view\",\"query\":\"item=a%20b&x=1&empty=\","
                + "\"params\":{\"item\":\"a b\",\"x\":\"1\"},\"fragment\":\"top\"}");
        FlowHarness.Run missing = new FlowHarness().run(new ParseURLParameters(), null);
        assertThat(missing.result().error()).contains("session@context.page.url");
    }

    @Test
    void uuid4AndToday() throws Exception {
        FlowHarness.Run uuid = harness.run(new GetUuid4Action(), null);
        assertThat(uuid.on("uuid4").path("uuid4").asText()).matches("[0-9a-f-]{36}");
        harness.session.with("context").with("time").put("tz", "Europe/Warsaw");
        FlowHarness.Run today = harness.run(new TodayAction(), null);
        assertThat(today.on("payload").path("server").path("hour").asInt()).isEqualTo(10);
        assertThat(today.on("payload").path("local").path("hour").asInt()).isEqualTo(11);
        assertThat(today.on("payload").path("local").path("dayOfWeek").asText()).isEqualTo("tuesday");
        assertThat(today.on("payload").path("local").path("iso").asText()).isEqualTo("2026-12-01T11:00:00.000000+01:00");
        FlowHarness.Run unknown = new FlowHarness().run(new TodayAction(), "{\"timezone\": \"Mars/Base\"}");
        assertThat(unknown.on("payload").path("local").path("hour").asInt()).isEqualTo(10);
        assertThat(unknown.state().console()).anySatisfy(entry -> assertThat(entry.message()).contains("Mars/Base"));
    }

    @Test
    void everyBuiltinActionHasItsOwnKeyAndADescriptor() {
        Set<String> keys = new HashSet<>();
        for (ActionPlugin plugin : BuiltinPlugins.all()) {
            assertThat(keys.add(plugin.key())).as(plugin.key()).isTrue();
            assertThat(plugin.module()).startsWith("tracardi.process_engine.action.v1.");
            assertThat(plugin.descriptor().inputs()).as(plugin.key()).isNotNull();
            assertThat(plugin.descriptor().name()).as(plugin.key()).isNotBlank();
        }
        assertThat(keys).hasSize(47).contains("tracardi.process_engine.action.v1.connectors.smtp_call.plugin.SmtpDispatcherAction",
                "tracardi.process_engine.action.v1.segmentation.has.plugin.HasSegmentAction",
                "tracardi.process_engine.action.v1.flow.start.start_action.StartAction");
        new PluginRegistry(BuiltinPlugins.all());
    }
}
