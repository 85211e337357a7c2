package org.opencdp.server.storage.elastic;

/**
 * An optimistic-concurrency write found the document changed (or removed) since it was loaded: its
 * {@code if_seq_no}/{@code if_primary_term} no longer match (processing §4.3). The caller reloads and
 * re-runs its work, up to its own limit.
 */
public class VersionConflictException extends RuntimeException {

    private final String index;
    private final String id;
    private final Version expected;

    public VersionConflictException(String index, String id, Version expected, String reason) {
        super("version conflict on " + id + " in " + index + " (expected seq_no " + expected.seqNo()
                + ", primary_term " + expected.primaryTerm() + "): " + reason);
        this.index = index;
        this.id = id;
        this.expected = expected;
    }

    public String index() { return index; }
    public String id() { return id; }
    public Version expected() { return expected; }
}
