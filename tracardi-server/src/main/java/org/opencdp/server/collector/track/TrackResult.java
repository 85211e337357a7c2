package org.opencdp.server.collector.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.worker.BatchOutcome;

/**
 * Builds the {@code /track} answer (collector-api §3.6) from a completion record, or the identity-only
 * answer when processing is deferred or asynchronous.
 */
public final class TrackResult {

    static final String DEFERRED = "Processing deferred; ux and response are empty.";
    static final String ASYNCHRONOUS = "Asynchronous track; ux and response are empty.";

    private final ObjectMapper json;
    private final boolean errorsInResponse;

    public TrackResult(ObjectMapper json, boolean errorsInResponse) {
        this.json = json;
        this.errorsInResponse = errorsInResponse;
    }

    /** The answer body and whether it carries errors (226). */
    public record Answer(ObjectNode body, boolean hasErrors) {
    }

    public Answer processed(String batchId, BatchOutcome outcome, boolean debugBlock, List<String> collectorWarnings) {
        List<String> warnings = new ArrayList<>(collectorWarnings);
        warnings.addAll(outcome.warnings());
        List<String> errors = errorsInResponse ? outcome.errors() : List.of();
        ObjectNode body = base(batchId, outcome.profileId(), outcome.sessionId(), warnings, errors);
        body.set("ux", outcome.ux() == null ? json.createArrayNode() : outcome.ux());
        body.set("response", outcome.response() == null ? json.createObjectNode() : outcome.response());
        if (debugBlock) {
            ArrayNode ids = json.valueToTree(outcome.eventIds());
            body.set("events", ids);
            ObjectNode event = body.putObject("event");
            event.set("ids", ids.deepCopy());
            event.put("saved", outcome.saved().event());
            ((ObjectNode) body.path("profile")).put("saved", outcome.saved().profile());
            ((ObjectNode) body.path("session")).put("saved", outcome.saved().session());
        }
        return new Answer(body, !errors.isEmpty());
    }

    public Answer identityOnly(String batchId, String profileId, String sessionId, List<String> collectorWarnings,
                               String reason, boolean debugBlock) {
        List<String> warnings = new ArrayList<>(collectorWarnings);
        warnings.add(reason);
        ObjectNode body = base(batchId, profileId, sessionId, warnings, List.of());
        if (debugBlock) {
            ObjectNode event = body.putObject("event");
            event.putArray("ids");
            event.put("saved", 0);
            ((ObjectNode) body.path("profile")).put("saved", 0);
            ((ObjectNode) body.path("session")).put("saved", 0);
        }
        return new Answer(body, false);
    }

    private ObjectNode base(String batchId, String profileId, String sessionId, List<String> warnings, List<String> errors) {
        ObjectNode body = json.createObjectNode();
        body.put("task", batchId);
        body.putArray("ux");
        body.putObject("response");
        body.putArray("events");
        body.putObject("profile").put("id", profileId);
        body.putObject("session").put("id", sessionId);
        body.set("errors", json.valueToTree(errors));
        body.set("warnings", json.valueToTree(warnings));
        return body;
    }
}
