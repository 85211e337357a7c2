package org.opencdp.server.api.envelope;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The create/upsert answer {@code {"saved": n, "errors": [], "ids": [...]}} (private-api §1.2). */
@JsonPropertyOrder({"saved", "errors", "ids"})
public record SavedResult(int saved, List<String> errors, List<String> ids) {

    public SavedResult {
        errors = List.copyOf(errors);
        ids = List.copyOf(ids);
    }

    public static SavedResult of(String id) {
        return new SavedResult(1, List.of(), List.of(id));
    }

    public static SavedResult of(List<String> ids) {
        return new SavedResult(ids.size(), List.of(), ids);
    }
}
