package org.opencdp.server.source;

/**
 * A collector request named a source it may not use; the collector answers 401 with {@link #getMessage()}
 * as the {@code detail} (collector §10.1).
 */
public final class SourceRejectedException extends Exception {

    public static final String INTERNAL = "Internal event sources are not allowed via API.";
    public static final String INVALID = "Invalid event source";
    public static final String DISABLED = "Event source disabled.";
    public static final String WRONG_TYPE = "Event source type not allowed for this endpoint.";

    /** Why, for the {@code collector.rejected{reason}} metric. */
    public enum Reason { INTERNAL, INVALID, DISABLED, WRONG_TYPE }

    private final Reason reason;
    private final String sourceId;

    public SourceRejectedException(Reason reason, String sourceId) {
        super(switch (reason) {
            case INTERNAL -> INTERNAL;
            case INVALID -> INVALID;
            case DISABLED -> DISABLED;
            case WRONG_TYPE -> WRONG_TYPE;
        }, null, false, false);
        this.reason = reason;
        this.sourceId = sourceId;
    }

    public Reason reason() {
        return reason;
    }

    /** The id as the client sent it (may be null); for logs, never for the response. */
    public String sourceId() {
        return sourceId;
    }

    /** The HTTP status of every rejection. */
    public int status() {
        return 401;
    }
}
