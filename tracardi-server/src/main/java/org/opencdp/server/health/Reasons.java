package org.opencdp.server.health;

/** Turns an exception into a one-line reason: the innermost message, which names the real cause. */
public final class Reasons {

    private Reasons() {
    }

    public static String of(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        String name = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
