package org.opencdp.server.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A query or path parameter with an unusable value ({@code ?limit=abc}, a negative page): 422 naming the
 * parameter, never a 404 or 500 (D39). Parse parameters with {@link #intParam}.
 */
public final class InvalidParameterException extends RuntimeException {

    public InvalidParameterException(String message) {
        super(message);
    }

    /**
     * The integer value of a parameter: {@code fallback} when absent or blank, else a whole number within
     * [min, max].
     */
    public static int intParam(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("Parameter " + name + " must be a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidParameterException("Parameter " + name + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** Answers 422 {@code {"detail": "<message>"}}. */
    public static final class Mapper implements ExceptionMapper<InvalidParameterException> {
        @Override
        public Response toResponse(InvalidParameterException exception) {
            return ApiResponses.detail(422, exception.getMessage());
        }
    }
}
