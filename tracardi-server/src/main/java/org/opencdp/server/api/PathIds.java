package org.opencdp.server.api;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Ids of stored documents taken from a path (profile, session, event ids): trimmed, case kept (domain-model §1).
 * An id that no document can have — blank, longer than Elasticsearch's 512-byte id limit, or holding control
 * characters such as NUL — is reported as absent, so the endpoint answers its not-found response instead of
 * passing hostile input on to the store (D39).
 */
public final class PathIds {

    /** Elasticsearch's limit on {@code _id}. */
    public static final int MAX_BYTES = 512;

    private PathIds() {
    }

    public static Optional<String> clean(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String id = raw.trim();
        if (id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(id);
    }
}
