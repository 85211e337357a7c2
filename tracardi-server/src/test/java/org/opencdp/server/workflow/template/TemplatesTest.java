package org.opencdp.server.workflow.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencdp.server.workflow.notation.DotAccessor;
import org.opencdp.server.workflow.notation.InvalidReferenceException;
import org.opencdp.server.workflow.plugin.Console;

/** Object and string templates of workflows §6. */
class TemplatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> warnings = new ArrayList<>();
    private final Console console = new Console() {
        @Override public void log(String message) { }
        @Override public void warning(String message) { warnings.add(message); }
        @Override public void error(String message) { }
    };

    private DotAccessor dots() throws Exception {
        Map<String, JsonNode> roots = new HashMap<>();
        roots.put("profile", JSON.readTree("{\"id\": \"p1\", \"segments\": [\"vip\"], \"data\": {\"pii\": {\"firstname\": \"Anna\"}},"
                + " \"traits\": {\"empty\": \"\", \"address\": {\"town\": \"Oslo\"}}}"));
        roots.put("event", JSON.readTree("{\"properties\": {\"order\": 12, \"first name\": \"An\"}}"));
        roots.put("payload", JSON.readTree("{\"items\": [{\"sku\": \"a\"}]}"));
        return new DotAccessor(roots);
    }

    private JsonNode render(String template, boolean missingAsNull) throws Exception {
        return ObjectTemplate.render(JSON.readTree(template), dots(), missingAsNull);
    }

    @Test
    void referencesAreReplacedAndLiteralsStay() throws Exception {
        JsonNode out = render("{\"name\": \"profile@data.pii.firstname\", \"vip\": \"profile@segments\", \"order?\": \"event@properties.order\","
                + " \"address\": \"profile@traits.address\", \"literal\": \"hello\", \"count\": \"`12`\", \"n\": 5,"
                + " \"nested\": {\"sku\": \"payload@items.0.sku\"}, \"list\": [\"profile@id\", \"x\"]}", false);
        assertThat(out.toString()).isEqualTo("{\"name\":\"Anna\",\"vip\":[\"vip\"],\"order\":12,\"address\":{\"town\":\"Oslo\"},"
                + "\"literal\":\"hello\",\"count\":12,\"n\":5,\"nested\":{\"sku\":\"a\"},\"list\":[\"p1\",\"x\"]}");
    }

    @Test
    void optionalKeysAreLeftOutWhenMissingOrEmpty() throws Exception {
        JsonNode out = render("{\"a?\": \"event@properties.missing\", \"b?\": \"profile@traits.empty\", \"c?\": \"profile@id\","
                + " \"d?\": {\"x\": \"event@properties.missing\"}}", false);
        assertThat(out.toString()).isEqualTo("{\"c\":\"p1\"}");
    }

    @Test
    void aMissingRequiredReferenceIsAnErrorUnlessMissingMeansNull() throws Exception {
        assertThatThrownBy(() -> render("{\"a\": \"event@properties.missing\"}", false))
                .isInstanceOf(InvalidReferenceException.class).hasMessageContaining("event@properties.missing");
        assertThat(render("{\"a\": \"event@properties.missing\"}", true).toString()).isEqualTo("{\"a\":null}");
    }

    @Test
    void aStringTemplateRendersValuesAsText() throws Exception {
        String out = StringTemplate.render("Hello {{profile@data.pii.firstname}} #{{ event@properties.order }} {{profile@segments}}"
                + " {{event@properties[\"first name\"]}} {{not a ref}}", dots(), console);
        assertThat(out).isEqualTo("Hello Anna #12 [\"vip\"] An {{not a ref}}");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aMissingStringTemplateValueIsEmptyWithAWarning() throws Exception {
        assertThat(StringTemplate.render("a{{profile@traits.none}}b $1", dots(), console)).isEqualTo("ab $1");
        assertThat(warnings).singleElement().asString().contains("profile@traits.none");
    }
}
