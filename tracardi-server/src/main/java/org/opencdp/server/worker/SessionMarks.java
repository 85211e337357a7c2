package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the worker notes in a session's {@code internal} part besides its applied batches: the batch that opened
 * the visit ({@code visit_batch}) and the event source of the latest batch ({@code source_id}).
 */
public final class SessionMarks {

    private static final String VISIT_BATCH = "visit_batch";
    private static final String SOURCE_ID = "source_id";

    private SessionMarks() {
    }

    /**
     * The batch that created or last re-bound a session ({@code internal.visit_batch}, written with the session
     * before the profile). A re-delivered batch that finds its own id here resumes its visit; the collector reads
     * it to tell a profile that is still being created from a deleted one. Null when unknown.
     */
    public static String visitBatch(JsonNode session) {
        JsonNode id = session.path("internal").path(VISIT_BATCH);
        return id.isTextual() ? id.textValue() : null;
    }

    /**
     * The event source of the session's latest batch ({@code internal.source_id}), the source the visit closer gives
     * its {@code visit-ended} event; null when unknown.
     */
    public static String lastSource(JsonNode session) {
        JsonNode id = session.path("internal").path(SOURCE_ID);
        return id.isTextual() ? id.textValue() : null;
    }

    static void markVisitBatch(ObjectNode session, String batchId) {
        internal(session).put(VISIT_BATCH, batchId);
    }

    static void markSource(ObjectNode session, String sourceId) {
        internal(session).put(SOURCE_ID, sourceId);
    }

    private static ObjectNode internal(ObjectNode session) {
        if (!(session.get("internal") instanceof ObjectNode)) {
            session.putObject("internal");
        }
        return (ObjectNode) session.get("internal");
    }
}
