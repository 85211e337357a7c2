package org.opencdp.server.collector.track;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.opencdp.server.common.http.ErrorBody;
import org.opencdp.server.source.SourcesUnavailableException;
import org.opencdp.server.storage.elastic.ElasticUnavailableException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A backend the foreground needs (Redis for session bindings, Elasticsearch for profile lookups, MySQL for event
 * sources) is down:
 * 503 with {@code Retry-After}, since nothing was accepted and the client can retry (processing §3.1, F6).
 */
public final class BackendUnavailableMappers {

    private BackendUnavailableMappers() {
    }

    static Response unavailable() {
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "5")
                .entity(new ErrorBody(CollectorExceptionMappers.BUSY)).build();
    }

    /** Redis down or timing out. */
    public static final class Redis implements ExceptionMapper<JedisException> {
        @Override
        public Response toResponse(JedisException exception) {
            return unavailable();
        }
    }

    /** Elasticsearch down or timing out. */
    public static final class Elastic implements ExceptionMapper<ElasticUnavailableException> {
        @Override
        public Response toResponse(ElasticUnavailableException exception) {
            return unavailable();
        }
    }

    /** MySQL down or unreachable while the event source is looked up. */
    public static final class Sources implements ExceptionMapper<SourcesUnavailableException> {
        @Override
        public Response toResponse(SourcesUnavailableException exception) {
            return unavailable();
        }
    }
}
