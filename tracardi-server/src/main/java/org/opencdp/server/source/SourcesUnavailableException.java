package org.opencdp.server.source;

import java.net.ConnectException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;

/**
 * The event sources could not be read because MySQL is down or unreachable: nothing was accepted, so the
 * collector answers 503 with {@code Retry-After} and the client retries (processing §3.1).
 */
public class SourcesUnavailableException extends RuntimeException {

    public SourcesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether a Jdbi failure means the database could not be reached (rather than a bug or bad data). */
    public static boolean isConnectionFailure(JdbiException error) {
        if (error instanceof ConnectionException) {
            return true;
        }
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLNonTransientConnectionException || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException || cause instanceof ConnectException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
