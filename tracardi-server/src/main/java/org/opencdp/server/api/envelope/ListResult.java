package org.opencdp.server.api.envelope;

import java.util.List;

/** A flat list {@code {"total": n, "result": [...]}} (private-api §1.2). */
public record ListResult<T>(long total, List<T> result) {

    public static <T> ListResult<T> of(List<T> items) {
        return new ListResult<>(items.size(), items);
    }
}
