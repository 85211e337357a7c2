package org.opencdp.server.common.http;

/** Every error answer: {@code {"detail": "<message>"}} (collector-api §2.5). */
public record ErrorBody(Object detail) {
}
