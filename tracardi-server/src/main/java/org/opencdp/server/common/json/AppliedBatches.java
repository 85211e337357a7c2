package org.opencdp.server.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The bounded ring {@code applied_batches} in a document's {@code internal} part (processing §2.4): the ids of the
 * latest batches the document already holds, so a re-delivered batch knows what it must not apply twice.
 */
public final class AppliedBatches {

    private static final String FIELD = "applied_batches";

    private AppliedBatches() {
    }

    /** Whether the ring of {@code internal} (missing or not an object: no ring) holds the batch. */
    public static boolean contains(JsonNode internal, String batchId) {
        JsonNode batches = internal.path(FIELD);
        for (JsonNode node : batches) {
            if (node.isTextual() && node.textValue().equals(batchId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the batch, evicting the oldest beyond {@code kept}. Returns false (and changes nothing) when it is there
     * already.
     */
    public static boolean add(ObjectNode internal, String batchId, int kept) {
        Objects.requireNonNull(batchId, "batchId");
        if (contains(internal, batchId)) {
            return false;
        }
        ArrayNode batches = internal.get(FIELD) instanceof ArrayNode existing ? existing : internal.putArray(FIELD);
        batches.add(batchId);
        while (batches.size() > kept) {
            batches.remove(0);
        }
        return true;
    }
}
