package org.opencdp.server.storage.elastic;

/** The {@code _seq_no} and {@code _primary_term} of a stored document, for optimistic concurrency. */
public record Version(long seqNo, long primaryTerm) {
}
