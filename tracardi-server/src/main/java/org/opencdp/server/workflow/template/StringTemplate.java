package org.opencdp.server.workflow.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.notation.DotReference;
import org.opencdp.server.workflow.plugin.Console;

/**
 * The string template of workflows §6: each {@code {{<dot reference>}}} placeholder is replaced by the value it
 * references, as text (strings as they are, objects and lists as JSON, null as nothing). A missing value renders
 * as an empty string and logs a warning. Placeholders that are not dot references stay as written.
 */
public final class StringTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\{\\{\\s*((?:payload|profile|event|session|flow|memory)@[^{}]*?)\\s*}}");

    private StringTemplate() {
    }

    /**
     * @param console where warnings about missing values go; may be null
     * @return the rendered text; null for a null template
     */
    public static String render(String template, DotAccessor dots, Console console) {
        if (template == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Optional<DotReference> reference = DotReference.parse(matcher.group(1));
            String replacement;
            if (reference.isEmpty()) {
                replacement = matcher.group();
            } else {
                Optional<JsonNode> value = dots.read(reference.get());
                if (value.isEmpty() && console != null) {
                    console.warning("Template value " + reference.get() + " is missing; it was rendered as an empty string.");
                }
                replacement = value.map(StringTemplate::text).orElse("");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String text(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
