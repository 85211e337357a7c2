package org.opencdp.server.collector.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchMessagesTest {

    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final TrackPayloadParser PARSER = new TrackPayloadParser(JSON, 1_000);
    private static final BatchMessages MESSAGES = new BatchMessages(JSON);
    private static final String BODY = """
            {"source": {"id": "Web-1"}, "session": {"id": "s-1"}, "profile": null,
             "context": {"page": {"url": "https://example.com/a?b=c", "title": "Caf\\u00e9 \u2615 \\"quoted\\""}},
             "properties": {"n": 1.50, "big": 12345678901234567890, "list": [1, "two", null, {"x": false}]},
             "options": {"saveEvents": true},
             "events": [
               {"type": "Page View", "properties": {"depth": [[1], {"a": {}}]}, "context": {"k": "v"},
                "time": {"create": "2026-12-01T10:00:00Z"}, "tags": ["t1", 2, null]},
               {"id": " e-2 ", "type": "purchase", "options": {"save": false}, "properties": {"total": -0.0}}
             ]}
            """;

    @Test
    void aTrackerBodyTravelsVerbatimAndReadsBackAsTheSameRecord() throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        TrackPayload payload = PARSER.parse(body);
        assertThat(payload.sentBody()).isSameAs(body);
        BatchRecord record = record(payload);

        byte[] message = MESSAGES.write(record, payload.sentBody());

        assertThat(new String(message, StandardCharsets.UTF_8)).endsWith(",\"payload\":" + BODY + "}")
                .doesNotContain("\"payload\":null").doesNotContain("https://example.com/a?b=c\",\"title\"");
        BatchRecord read = MESSAGES.read(message);
        assertThat(read).isEqualTo(record);
        assertThat(read.events().get(0).properties()).isEqualTo(JSON.readTree("{\"depth\": [[1], {\"a\": {}}]}"));
        assertThat(read.events().get(1).id()).isEqualTo("e-2");
        assertThat(read.events().get(0).type()).isEqualTo("page-view");
    }

    @Test
    void aRecordWithoutItsBodyTravelsWhole() throws IOException {
        BatchRecord record = record(PARSER.parse(BODY.getBytes(StandardCharsets.UTF_8)));

        byte[] message = MESSAGES.write(record, null);

        assertThat(JSON.readTree(message).has("payload")).isFalse();
        assertThat(MESSAGES.read(message)).isEqualTo(record);
        assertThat(MESSAGES.read(JSON.writeValueAsBytes(record))).isEqualTo(record);
    }

    @Test
    void onlyAPlainUtf8ObjectWithNothingAfterItIsKept() {
        assertThat(PARSER.parse(("  \r\n" + BODY + "\n ").getBytes(StandardCharsets.UTF_8)).sentBody()).isNotNull();
        byte[] bom = ("\uFEFF" + BODY).getBytes(StandardCharsets.UTF_8);
        assertThat(PARSER.parse(bom).events()).hasSize(2);
        assertThat(PARSER.parse(bom).sentBody()).isNull();
        assertThat(PARSER.parse(BODY.getBytes(StandardCharsets.UTF_16)).sentBody()).isNull();
        assertThat(PARSER.parse((BODY + " {\"more\": 1}").getBytes(StandardCharsets.UTF_8)).sentBody()).isNull();
        assertThat(PARSER.parse((BODY + " ]").getBytes(StandardCharsets.UTF_8)).sentBody()).isNull();
    }

    @Test
    void aMessageWhoseStampsDoNotMatchItsPayloadIsRefused() throws IOException {
        TrackPayload payload = PARSER.parse(BODY.getBytes(StandardCharsets.UTF_8));
        BatchRecord record = record(payload);
        BatchRecord oneEvent = new BatchRecord(record.batchId(), record.tenant(), record.production(), record.receivedAt(),
                record.source(), record.clientIp(), record.headers(), record.profileLess(), record.options(), record.context(),
                record.properties(), record.resolution(), record.events().subList(0, 1), record.await(), record.debug(), null);

        byte[] message = MESSAGES.write(oneEvent, payload.sentBody());

        assertThatThrownBy(() -> MESSAGES.read(message)).isInstanceOf(IOException.class)
                .hasMessageContaining("1 event stamps for 2 events");
    }

    /** The record the collector builds from a payload: ids and insert times fixed, everything else from the payload. */
    private static BatchRecord record(TrackPayload payload) {
        List<BatchRecord.EventRecord> events = new ArrayList<>();
        int n = 0;
        for (TrackPayload.PayloadEvent event : payload.events()) {
            events.add(new BatchRecord.EventRecord(event.id() != null ? event.id() : "generated-" + n++, event.type(),
                    "2026-12-01T10:00:0" + n + ".000000Z", event.timeCreate(), event.properties(), event.context(),
                    event.options(), event.tags()));
        }
        return new BatchRecord("batch-1", "default", true, "2026-12-01T10:00:00.000000Z",
                new BatchRecord.Source("web-1", List.of("rest"), "Web", false), "127.0.0.1", Map.of("user-agent", "test"),
                false, payload.options(), payload.context(), payload.properties(),
                new BatchRecord.Resolution("s-1", true, "2026-12-01T09:00:00.000000Z", "p-1", true, false), events, true, false,
                null);
    }
}
