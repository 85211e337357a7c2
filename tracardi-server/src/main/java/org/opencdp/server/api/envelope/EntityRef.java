package org.opencdp.server.api.envelope;

/** One item of an entity list {@code {"id": "...", "name": "..."}}. */
public record EntityRef(String id, String name) {
}
