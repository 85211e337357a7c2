package org.opencdp.server.collector.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue form of a {@link BatchRecord} (processing §2.1).
 *
 * <p>A batch parsed from a tracker request travels with that request's body verbatim under {@code payload}, and its
 * events reduced to what the collector decided for them: the id and the insert time. Copying the body costs far less
 * than serialising every event's properties and context again, which took about a third of the collector's request
 * time at 150 events per request. The worker parses the body with the same {@link TrackPayloadParser}, which gives
 * the same events in the same order. Any other batch (webhooks, bridges, replays) travels as the record itself, and a
 * message of either form reads back as the same record.
 */
public final class BatchMessages {

    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    /** No event limit: the collector applied its own when it accepted the body, and a later change must not refuse it. */
    private final TrackPayloadParser parser;

    public BatchMessages(ObjectMapper json) {
        this.json = json;
        this.parser = new TrackPayloadParser(json, Integer.MAX_VALUE);
    }

    /**
     * The message of a record built from {@code sentBody} (the {@link TrackPayload#sentBody()} of its payload), or of a
     * record alone when {@code sentBody} is null.
     */
    public byte[] write(BatchRecord record, byte[] sentBody) throws JsonProcessingException {
        if (sentBody == null) {
            return json.writeValueAsBytes(record);
        }
        List<BatchRecord.EventRecord> stamps = new ArrayList<>(record.events().size());
        for (BatchRecord.EventRecord event : record.events()) {
            stamps.add(new BatchRecord.EventRecord(event.id(), null, event.insert(), null, null, null, null, null));
        }
        BatchRecord head = new BatchRecord(record.batchId(), record.tenant(), record.production(), record.receivedAt(),
                record.source(), record.clientIp(), record.headers(), record.profileLess(), null, null, null,
                record.resolution(), stamps, record.await(), record.debug(), null);
        byte[] written = json.writeValueAsBytes(head);
        // The head is one JSON object: the body joins it as its last field, before the closing brace.
        int close = written.length - 1;
        while (written[close] != '}') {
            close--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(close + PAYLOAD_FIELD.length + sentBody.length + 1);
        out.write(written, 0, close);
        out.writeBytes(PAYLOAD_FIELD);
        out.writeBytes(sentBody);
        out.write('}');
        return out.toByteArray();
    }

    /** The record of a message of either form. */
    public BatchRecord read(byte[] message) throws IOException {
        BatchRecord wire = json.readValue(message, BatchRecord.class);
        if (wire.payload() == null) {
            return wire;
        }
        TrackPayload sent;
        try {
            sent = parser.parse(wire.payload());
        } catch (RuntimeException e) {
            throw new IOException("batch " + wire.batchId() + ": its payload does not parse: " + e.getMessage(), e);
        }
        if (wire.events() == null || sent.events().size() != wire.events().size()) {
            throw new IOException("batch " + wire.batchId() + ": " + (wire.events() == null ? 0 : wire.events().size())
                    + " event stamps for " + sent.events().size() + " events in its payload");
        }
        List<BatchRecord.EventRecord> events = new ArrayList<>(sent.events().size());
        for (int i = 0; i < sent.events().size(); i++) {
            BatchRecord.EventRecord stamp = wire.events().get(i);
            TrackPayload.PayloadEvent event = sent.events().get(i);
            events.add(new BatchRecord.EventRecord(stamp.id(), event.type(), stamp.insert(), event.timeCreate(),
                    event.properties(), event.context(), event.options(), event.tags()));
        }
        return new BatchRecord(wire.batchId(), wire.tenant(), wire.production(), wire.receivedAt(), wire.source(),
                wire.clientIp(), wire.headers(), wire.profileLess(), sent.options(), sent.context(), sent.properties(),
                wire.resolution(), events, wire.await(), wire.debug(), null);
    }
}
