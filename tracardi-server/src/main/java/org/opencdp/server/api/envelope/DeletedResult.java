package org.opencdp.server.api.envelope;

/** The delete answer {@code {"deleted": n}} (private-api §1.2). */
public record DeletedResult(int deleted) {

    public static final DeletedResult ONE = new DeletedResult(1);
    public static final DeletedResult NONE = new DeletedResult(0);
}
