package org.opencdp.server.collector.track;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.opencdp.server.common.http.ErrorBody;
import org.opencdp.server.queue.QueueUnavailableException;

/** JSON answers of the collection errors (collector-api §3.7), one mapper per exception type. */
public final class CollectorExceptionMappers {

    static final String BUSY = "Server busy, retry later";

    private CollectorExceptionMappers() {
    }

    private static Response json(int status, Object detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(detail)).build();
    }

    /** 422: the body does not match the schema. */
    public static final class Validation implements ExceptionMapper<RequestValidationException> {
        @Override
        public Response toResponse(RequestValidationException exception) {
            return json(422, exception.detail());
        }
    }

    /** 413: over the size or event-count limit. */
    public static final class TooLarge implements ExceptionMapper<PayloadTooLargeException> {
        @Override
        public Response toResponse(PayloadTooLargeException exception) {
            return json(413, "Payload too large");
        }
    }

    /** 503: the queue did not take the batch; nothing was accepted, so the client may retry. */
    public static final class QueueUnavailable implements ExceptionMapper<QueueUnavailableException> {
        @Override
        public Response toResponse(QueueUnavailableException exception) {
            return Response.fromResponse(json(503, BUSY)).header("Retry-After", "5").build();
        }
    }
}
