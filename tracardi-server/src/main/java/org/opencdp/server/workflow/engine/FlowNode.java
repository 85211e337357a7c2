package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The fields of a flow node the engine uses (workflows §2); everything else stays in the stored JSON. */
public record FlowNode(String id, String name, boolean start, boolean debug, String module, String className,
                       List<String> inputs, List<String> outputs, JsonNode init, boolean skip, boolean blockFlow,
                       boolean onErrorContinue, boolean appendInputPayload, boolean joinInputPayload, RunOnce runOnce) {

    public String pluginKey() {
        return module + "." + className;
    }

    static FlowNode parse(JsonNode node) {
        JsonNode data = node.path("data");
        JsonNode spec = data.path("spec");
        return new FlowNode(node.path("id").asText(""), data.path("metadata").path("name").asText(spec.path("className").asText("")),
                data.path("start").asBoolean(false), data.path("debug").asBoolean(false),
                spec.path("module").asText(""), spec.path("className").asText(""),
                strings(spec.path("inputs")), strings(spec.path("outputs")),
                spec.get("init"), spec.path("skip").asBoolean(false), spec.path("block_flow").asBoolean(false),
                spec.path("on_error_continue").asBoolean(false), spec.path("append_input_payload").asBoolean(false),
                spec.path("join_input_payload").asBoolean(false), RunOnce.parse(spec.get("run_once")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }
}
