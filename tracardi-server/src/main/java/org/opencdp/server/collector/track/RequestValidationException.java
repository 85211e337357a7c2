package org.opencdp.server.collector.track;

import java.util.List;
import java.util.Map;

/**
 * A request body that does not match the schema: answered 422 with FastAPI's list of
 * {@code {loc, msg, type}} entries (collector-api §2.5), or with a plain message for option errors.
 */
public final class RequestValidationException extends RuntimeException {

    private final transient Object detail;

    private RequestValidationException(String message, Object detail) {
        super(message);
        this.detail = detail;
    }

    /** One schema error at {@code loc} (e.g. {@code ["body", "events", 0, "type"]}). */
    public static RequestValidationException at(List<Object> loc, String msg, String type) {
        return new RequestValidationException(msg + " at " + loc, List.of(Map.of("loc", loc, "msg", msg, "type", type)));
    }

    /** An error reported as a plain string detail. */
    public static RequestValidationException message(String message) {
        return new RequestValidationException(message, message);
    }

    /** The {@code detail} of the error body. */
    public Object detail() {
        return detail;
    }
}
