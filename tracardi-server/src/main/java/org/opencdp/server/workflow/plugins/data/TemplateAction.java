package org.opencdp.server.workflow.plugins.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.opencdp.server.workflow.plugin.NodeRunner;
import org.opencdp.server.workflow.plugin.PluginConfigException;
import org.opencdp.server.workflow.plugin.PortResult;
import org.opencdp.server.workflow.plugins.BasePlugin;
import org.opencdp.server.workflow.plugins.Init;
import org.opencdp.server.workflow.template.StringTemplate;

/** Template (workflows §8): emits {@code {"template": <rendered string template>}} on {@code template}. */
public final class TemplateAction extends BasePlugin {

    public TemplateAction() {
        super(V1 + "template_action", "TemplateAction", "Template", "Data processing", List.of("payload"),
                List.of("template"), "{\"template\": \"\"}", "Renders a text with {{dot references}}.");
    }

    @Override
    public NodeRunner compile(JsonNode init) throws PluginConfigException {
        String template = Init.text(initOrDefault(init), "template", "");
        return (port, payload, context) -> PortResult.on("template", JsonNodeFactory.instance.objectNode()
                .put("template", StringTemplate.render(template, context.dots(), context.console())));
    }
}
