package org.opencdp.server.api.envelope;

import java.util.List;
import java.util.Map;

/** A grouped list {@code {"total": n, "grouped": {"<group>": [...]}}} (private-api §1.2). */
public record GroupedResult<T>(long total, Map<String, List<T>> grouped) {
}
