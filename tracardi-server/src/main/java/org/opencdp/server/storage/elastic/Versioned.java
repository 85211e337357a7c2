package org.opencdp.server.storage.elastic;

import java.util.Objects;

/**
 * A stored document with where it lives and the version it was read at. A conditional write of it goes to
 * {@code index} with {@code if_seq_no}/{@code if_primary_term} taken from here.
 */
public record Versioned<T>(String id, String index, T document, long seqNo, long primaryTerm) {

    public Versioned {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(document, "document");
    }

    public Version version() {
        return new Version(seqNo, primaryTerm);
    }
}
