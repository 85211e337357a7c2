package org.opencdp.server.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DotPathTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static ObjectNode doc() throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"data": {"contact": {"email": {"main": "a@b.c", "private": null}}, "n": 0, "flag": false},
                 "items": [{"x": 1}, "two"], "name": "text", "empty": {}}
                """);
    }

    @Test
    void getsValuesByPath() throws Exception {
        ObjectNode doc = doc();
        assertThat(DotPath.get(doc, "data.contact.email.main")).contains(NODES.textNode("a@b.c"));
        assertThat(DotPath.getText(doc, "data.contact.email.main")).contains("a@b.c");
        assertThat(DotPath.get(doc, "data.contact.email.private")).map(JsonNode::isNull).contains(true);
        assertThat(DotPath.getText(doc, "data.contact.email.private")).isEmpty();
        assertThat(DotPath.get(doc, "data.contact.email")).map(JsonNode::size).contains(2);
        assertThat(DotPath.get(doc, "items.0.x")).contains(NODES.numberNode(1));
        assertThat(DotPath.get(doc, "items.1")).contains(NODES.textNode("two"));
    }

    @Test
    void missingOrInvalidPathsFindNothing() throws Exception {
        ObjectNode doc = doc();
        for (String path : new String[] {"nope", "data.nope.deeper", "name.length", "items.2", "items.-1", "items.x",
                "data..contact", ".data", "data.", "", "data.contact.email.main.more"}) {
            assertThat(DotPath.get(doc, path)).as(path).isEmpty();
            assertThat(DotPath.exists(doc, path)).as(path).isFalse();
        }
        assertThat(DotPath.get(doc, null)).isEmpty();
        assertThat(DotPath.get(null, "a")).isEmpty();
    }

    @Test
    void existsCountsExplicitNull() throws Exception {
        assertThat(DotPath.exists(doc(), "data.contact.email.private")).isTrue();
        assertThat(DotPath.exists(doc(), "data.contact.email.business")).isFalse();
    }

    @Test
    void setCreatesIntermediateObjects() throws Exception {
        ObjectNode doc = doc();
        assertThat(DotPath.set(doc, "traits.loyalty.tier", NODES.textNode("gold"))).isTrue();
        assertThat(doc.at("/traits/loyalty/tier").textValue()).isEqualTo("gold");
        assertThat(DotPath.set(doc, "data.contact.email.main", NODES.textNode("x@y.z"))).isTrue();
        assertThat(doc.at("/data/contact/email/main").textValue()).isEqualTo("x@y.z");
        assertThat(DotPath.set(doc, "data.contact.email.private.sub", NODES.numberNode(1))).isTrue();
        assertThat(doc.at("/data/contact/email/private/sub").intValue()).isEqualTo(1);
        assertThat(DotPath.set(doc, "top", null)).isTrue();
        assertThat(doc.get("top").isNull()).isTrue();
    }

    @Test
    void setRefusesToStepThroughNonObjects() throws Exception {
        ObjectNode doc = doc();
        ObjectNode before = doc.deepCopy();
        assertThat(DotPath.set(doc, "name.first", NODES.textNode("x"))).isFalse();
        assertThat(DotPath.set(doc, "items.0.x", NODES.textNode("x"))).isFalse();
        assertThat(DotPath.set(doc, "data.n.x", NODES.textNode("x"))).isFalse();
        assertThat(DotPath.set(doc, "fresh.name.x", NODES.textNode("x"))).isTrue();
        doc.remove("fresh");
        assertThat(DotPath.set(doc, "new.branch.then.name.x", NODES.textNode("x"))).isTrue();
        doc.remove("new");
        assertThat(DotPath.set(doc, "a..b", NODES.textNode("x"))).isFalse();
        assertThat(DotPath.set(doc, "", NODES.textNode("x"))).isFalse();
        assertThat(doc).isEqualTo(before);
    }

    @Test
    void refusedWriteLeavesNoHalfCreatedObjects() throws Exception {
        ObjectNode doc = (ObjectNode) MAPPER.readTree("{\"a\": {\"b\": 5}}");
        assertThat(DotPath.set(doc, "a.b.c.d", NODES.textNode("x"))).isFalse();
        assertThat(doc.toString()).isEqualTo("{\"a\":{\"b\":5}}");
    }

    @Test
    void removesValues() throws Exception {
        ObjectNode doc = doc();
        assertThat(DotPath.remove(doc, "data.contact.email.main")).isTrue();
        assertThat(DotPath.exists(doc, "data.contact.email.main")).isFalse();
        assertThat(DotPath.remove(doc, "data.contact.email.private")).isTrue();
        assertThat(DotPath.remove(doc, "data.contact.email.main")).isFalse();
        assertThat(DotPath.remove(doc, "name.x")).isFalse();
        assertThat(DotPath.remove(doc, "items.0")).isFalse();
        assertThat(DotPath.remove(doc, "nope.x")).isFalse();
        assertThat(DotPath.remove(doc, "..")).isFalse();
        assertThat(DotPath.exists(doc, "items.0")).isTrue();
    }

    @Test
    void emptyValues() throws Exception {
        assertThat(DotPath.isEmptyValue(null)).isTrue();
        assertThat(DotPath.isEmptyValue(NODES.missingNode())).isTrue();
        assertThat(DotPath.isEmptyValue(NODES.nullNode())).isTrue();
        assertThat(DotPath.isEmptyValue(NODES.textNode(""))).isTrue();
        assertThat(DotPath.isEmptyValue(NODES.textNode("  "))).isTrue();
        assertThat(DotPath.isEmptyValue(NODES.arrayNode())).isTrue();
        assertThat(DotPath.isEmptyValue(NODES.objectNode())).isTrue();
        assertThat(DotPath.isEmptyValue(NODES.textNode("x"))).isFalse();
        assertThat(DotPath.isEmptyValue(NODES.numberNode(0))).isFalse();
        assertThat(DotPath.isEmptyValue(NODES.booleanNode(false))).isFalse();
        assertThat(DotPath.isEmptyValue(MAPPER.readTree("[null]"))).isFalse();
        ObjectNode doc = doc();
        assertThat(DotPath.isEmptyAt(doc, "empty")).isTrue();
        assertThat(DotPath.isEmptyAt(doc, "nope")).isTrue();
        assertThat(DotPath.isEmptyAt(doc, "data.contact.email.private")).isTrue();
        assertThat(DotPath.isEmptyAt(doc, "data.n")).isFalse();
    }
}
