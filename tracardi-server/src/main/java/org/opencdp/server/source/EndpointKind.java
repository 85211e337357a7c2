package org.opencdp.server.source;

/** The collector endpoints and the source type each needs (collector §10.1). */
public enum EndpointKind {
    /** {@code POST/PUT /track}. */
    REST(EventSource.REST),
    /** {@code /collect/{event_type}/{source_id}[/{session_id}]}. */
    WEBHOOK(EventSource.WEBHOOK),
    /** {@code /redirect/{redirect_id}[/{session_id}]}. */
    REDIRECT(EventSource.REDIRECT),
    /** {@code /customer/consent}: any type. */
    ANY(null);

    private final String requiredType;

    EndpointKind(String requiredType) {
        this.requiredType = requiredType;
    }

    /** The type the source must list, or null when any source will do. */
    public String requiredType() {
        return requiredType;
    }

    public boolean accepts(EventSource source) {
        return requiredType == null || source.allows(requiredType);
    }
}
