package org.opencdp.server.workflow.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.engine.FlowCompileException;
import org.opencdp.server.workflow.plugins.data.CalculatorAction;
import org.opencdp.server.workflow.plugins.data.CreateResponseAction;
import org.opencdp.server.workflow.plugins.data.InjectAction;
import org.opencdp.server.workflow.plugins.data.ReshapePayloadAction;
import org.opencdp.server.workflow.plugins.data.TemplateAction;

/** Create response, Inject, Reshape payload, Template and Calculator (workflows §8). */
class DataPluginsTest {

    private final FlowHarness harness = new FlowHarness();

    @Test
    void createResponseRendersTheBodyIntoTheResponse() throws Exception {
        harness.profile.with("data").with("pii").put("firstname", "Anna");
        FlowHarness.Run run = harness.run(new CreateResponseAction(),
                "{\"key\": \"My Greeting\", \"body\": \"{\\\"name\\\": \\\"profile@data.pii.firstname\\\", \\\"x\\\": \\\"event@properties.none\\\"}\"}");
        assertThat(run.state().response().toString()).isEqualTo("{\"my_greeting\":{\"name\":\"Anna\",\"x\":null}}");
        assertThat(run.on("payload").toString()).isEqualTo("{\"name\":\"Anna\",\"x\":null}");

        FlowHarness.Run strict = harness.run(new CreateResponseAction(),
                "{\"key\": \"k\", \"body\": \"{\\\"x\\\": \\\"event@properties.none\\\"}\", \"default\": false}");
        assertThat(strict.result().ok()).isFalse();
        assertThatThrownBy(() -> harness.compileOnly(new CreateResponseAction(), "{\"key\": \"\", \"body\": \"{}\"}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("key must not be empty");
        assertThatThrownBy(() -> harness.compileOnly(new CreateResponseAction(), "{\"key\": \"k\", \"body\": \"{nope\"}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("body is not valid JSON");
    }

    @Test
    void injectEmitsTheValueOrWritesItToTheDestination() throws Exception {
        FlowHarness.Run emitted = harness.run(new InjectAction(), "{\"value\": \"{\\\"a\\\": [1, 2]}\", \"destination\": \"payload\"}");
        assertThat(emitted.on("payload").toString()).isEqualTo("{\"a\":[1,2]}");
        FlowHarness.Run written = harness.run(new InjectAction(), "{\"value\": \"[1, 2]\", \"destination\": \"profile@traits.list\"}", "{\"in\": 1}");
        assertThat(written.profile().path("traits").path("list").toString()).isEqualTo("[1,2]");
        assertThat(written.on("payload").toString()).isEqualTo("{\"in\":1}");
        assertThatThrownBy(() -> harness.compileOnly(new InjectAction(), "{\"value\": \"[1]\", \"destination\": \"payload\"}"))
                .isInstanceOf(FlowCompileException.class);
    }

    @Test
    void reshapePayloadEmitsTheTemplateOrAnErrorWhenStrict() throws Exception {
        FlowHarness.Run run = harness.run(new ReshapePayloadAction(),
                "{\"value\": \"{\\\"id\\\": \\\"profile@id\\\", \\\"copy\\\": \\\"payload@a\\\", \\\"opt?\\\": \\\"payload@none\\\"}\"}", "{\"a\": 5}");
        assertThat(run.on("payload").toString()).isEqualTo("{\"id\":\"profile-1\",\"copy\":5}");
        FlowHarness.Run strict = harness.run(new ReshapePayloadAction(),
                "{\"value\": {\"x\": \"payload@none\"}, \"default\": false}");
        assertThat(strict.ports()).containsExactly("error");
        assertThat(strict.on("error").path("message").asText()).contains("payload@none");
    }

    @Test
    void templateRendersText() throws Exception {
        harness.properties("{\"name\": \"Bob\"}");
        FlowHarness.Run run = harness.run(new TemplateAction(), "{\"template\": \"Hi {{event@properties.name}}{{event@properties.none}}!\"}");
        assertThat(run.on("template").toString()).isEqualTo("{\"template\":\"Hi Bob!\"}");
        assertThat(run.state().console()).anySatisfy(entry -> assertThat(entry.message()).contains("event@properties.none"));
    }

    @Test
    void calculatorAssignsFieldsAndNames() throws Exception {
        harness.profile.withObject("stats").withObject("counters").put("x", 4);
        harness.properties("{\"price\": \"10.5\"}");
        FlowHarness.Run run = harness.run(new CalculatorAction(), "{\"calc_dsl\": \"profile@stats.counters.x = profile@stats.counters.x + 1\\n"
                + "half = (event@properties.price - profile@traits.missing) / 2\\n"
                + "profile@traits.total = -half * 2 + 3 * (1 + 1)\"}");
        assertThat(run.result().ok()).as(run.result().error()).isTrue();
        assertThat(run.profile().path("stats").path("counters").path("x").toString()).isEqualTo("5");
        assertThat(run.profile().path("traits").path("total").asDouble()).isEqualTo(-4.5);
        assertThat(run.on("payload").path("half").asDouble()).isEqualTo(5.25);
        assertThat(run.on("payload").path("result").asDouble()).isEqualTo(-4.5);
        assertThat(run.on("payload").path("profile@stats.counters.x").asInt()).isEqualTo(5);
    }

    @Test
    void calculatorErrors() throws Exception {
        assertThatThrownBy(() -> harness.compileOnly(new CalculatorAction(), "{\"calc_dsl\": \"a = (1 + 2\"}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("Missing ')'");
        assertThatThrownBy(() -> harness.compileOnly(new CalculatorAction(), "{\"calc_dsl\": \"a = 1 % 2\"}"))
                .isInstanceOf(FlowCompileException.class).hasMessageContaining("Unexpected character");
        assertThat(harness.run(new CalculatorAction(), "{\"calc_dsl\": \"a = 1 / 0\"}").result().error()).contains("Division by zero");
        harness.properties("{\"word\": \"abc\"}");
        assertThat(harness.run(new CalculatorAction(), "{\"calc_dsl\": \"a = event@properties.word + 1\"}").result().error())
                .contains("is not a number");
    }
}
