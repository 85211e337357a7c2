package org.opencdp.server.collector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencdp.server.collector.track.RequestValidationException;
import org.opencdp.server.collector.track.TrackPayload;

class WebhookPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WebhookPayloads payloads = new WebhookPayloads(JSON);

    private String body(String text, String contentType) {
        return payloads.fromBody(text.getBytes(StandardCharsets.UTF_8), contentType).toString();
    }

    @Test
    void aQueryParameterGivenOnceIsAStringARepeatedOneAList() {
        assertThat(payloads.fromQuery("a=1&b=x&b=y").toString()).isEqualTo("{\"a\":\"1\",\"b\":[\"x\",\"y\"]}");
        assertThat(payloads.fromQuery("q=a+b%20c&e=&flag&x=%zz%41&u=%C5%BC%C3%B3%C5%82w").toString())
                .isEqualTo("{\"q\":\"a b c\",\"e\":\"\",\"flag\":\"\",\"x\":\"%zzA\",\"u\":\"żółw\"}");
        assertThat(payloads.fromQuery(null).toString()).isEqualTo("{}");
        assertThat(payloads.fromQuery("&&=&").toString()).isEqualTo("{\"\":\"\"}");
        assertThat(payloads.fromQuery("a=1;b=2").toString()).isEqualTo("{\"a\":\"1;b=2\"}");
    }

    @Test
    void jsonBodiesAreUsedAsIsWrappedOrEmpty() {
        assertThat(body("{\"id\":\"ORD-1\",\"value\":249.9}", "application/json")).isEqualTo("{\"id\":\"ORD-1\",\"value\":249.9}");
        assertThat(body("{\"a\":1}", null)).isEqualTo("{\"a\":1}");
        assertThat(body("{\"a\":1}", "Application/JSON; charset=utf-8")).isEqualTo("{\"a\":1}");
        assertThat(body("[1,\"x\"]", "application/json")).isEqualTo("{\"value\":[1,\"x\"]}");
        assertThat(body("42", "application/json")).isEqualTo("{\"value\":42}");
        assertThat(body("\"s\"", null)).isEqualTo("{\"value\":\"s\"}");
        assertThat(body("null", null)).isEqualTo("{\"value\":null}");
        assertThat(body("{not json", "application/json")).isEqualTo("{}");
        assertThat(body("{\"a\":1} trailing", "application/json")).isEqualTo("{}");
        assertThat(body("", "application/json")).isEqualTo("{}");
        assertThat(body("[".repeat(5000), null)).isEqualTo("{}");
    }

    @Test
    void formBodiesGiveTheirFields() {
        assertThat(body("a=1&b=x&b=y&name=Anna+K", "application/x-www-form-urlencoded"))
                .isEqualTo("{\"a\":\"1\",\"b\":[\"x\",\"y\"],\"name\":\"Anna K\"}");
        String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\nFILE\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nline1\r\nline2\r\n"
                + "--XyZ--\r\n";
        assertThat(body(multipart, "multipart/form-data; boundary=XyZ"))
                .isEqualTo("{\"a\":\"1\",\"b\":[\"x\",\"line1\\r\\nline2\"]}");
        assertThat(body(multipart, "multipart/form-data; boundary=\"XyZ\"")).contains("\"a\":\"1\"");
        assertThat(body("garbage", "multipart/form-data; boundary=XyZ")).isEqualTo("{}");
        assertThat(body("--XyZ\r\nno headers end", "multipart/form-data; boundary=XyZ")).isEqualTo("{}");
        assertThat(body(multipart, "multipart/form-data")).isEqualTo("{}");
    }

    @Test
    void anyOtherBodyIsKeptAsText() {
        assertThat(body("hello <b>world</b>", "text/plain")).isEqualTo("{\"body\":\"hello <b>world</b>\"}");
        assertThat(body("<x/>", "application/xml")).isEqualTo("{\"body\":\"<x/>\"}");
        assertThat(body("{\"a\":1}", "text/plain")).isEqualTo("{\"body\":\"{\\\"a\\\":1}\"}");
    }

    @Test
    void thePayloadHasOneNormalisedEventAndTheRouteOptions() {
        TrackPayload without = payloads.payload(" Order Completed ", " hook ", null, JSON.createObjectNode().put("a", "1"));
        assertThat(without.events()).hasSize(1);
        assertThat(without.events().get(0).type()).isEqualTo("order-completed");
        assertThat(without.events().get(0).properties().toString()).isEqualTo("{\"a\":\"1\"}");
        assertThat(without.sourceId()).isEqualTo("hook");
        assertThat(without.sessionId()).isNull();
        assertThat(without.options().toString()).isEqualTo("{\"saveSession\":false}");
        TrackPayload with = payloads.payload("x", "hook", " s-1 ", JSON.createObjectNode());
        assertThat(with.sessionId()).isEqualTo("s-1");
        assertThat(with.options().toString()).isEqualTo("{\"saveSession\":true}");
        assertThatThrownBy(() -> payloads.payload("  ", "hook", null, JSON.createObjectNode()))
                .isInstanceOf(RequestValidationException.class);
    }
}
