package org.opencdp.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class FlowLayoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode flow(String nodes, String edges) throws Exception {
        return (ObjectNode) JSON.readTree("{\"id\":\"f\",\"flowGraph\":{\"nodes\":[" + nodes + "],\"edges\":[" + edges + "]}}");
    }

    private static String node(String id) {
        return "{\"id\":\"" + id + "\",\"position\":{\"x\":7,\"y\":7},\"data\":{\"keep\":true}}";
    }

    private static String edge(String from, String to) {
        return "{\"source\":\"" + from + "\",\"target\":\"" + to + "\"}";
    }

    @Test
    void nodesGoToTheLayerOfTheirLongestPath() throws Exception {
        // a → b → d and a → d: d is two layers down, not one.
        ObjectNode laid = FlowLayout.rearrange(flow(node("a") + "," + node("b") + "," + node("c") + "," + node("d"),
                edge("a", "b") + "," + edge("b", "d") + "," + edge("a", "d") + "," + edge("a", "c")));
        var nodes = laid.path("flowGraph").path("nodes");
        assertThat(nodes.get(0).path("position").toString()).isEqualTo("{\"x\":0,\"y\":0}");
        assertThat(nodes.get(1).path("position").toString()).isEqualTo("{\"x\":-100,\"y\":200}");
        assertThat(nodes.get(2).path("position").toString()).isEqualTo("{\"x\":100,\"y\":200}");
        assertThat(nodes.get(3).path("position").toString()).isEqualTo("{\"x\":0,\"y\":400}");
        assertThat(nodes.get(3).path("data").path("keep").asBoolean()).isTrue();
    }

    @Test
    void cyclesUnknownEndsAndMissingGraphsDoNotBreakTheLayout() throws Exception {
        ObjectNode laid = FlowLayout.rearrange(flow(node("a") + "," + node("x") + "," + node("y"),
                edge("x", "y") + "," + edge("y", "x") + "," + edge("a", "ghost")));
        var nodes = laid.path("flowGraph").path("nodes");
        assertThat(nodes.get(0).path("position").path("y").asInt()).isZero();
        assertThat(nodes.get(1).path("position").path("y").asInt()).isEqualTo(200);
        assertThat(nodes.get(2).path("position").path("y").asInt()).isEqualTo(200);
        ObjectNode empty = (ObjectNode) JSON.readTree("{\"id\":\"x\",\"flowGraph\":null}");
        assertThat(FlowLayout.rearrange(empty)).isEqualTo(empty);
    }
}
