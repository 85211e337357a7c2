package org.opencdp.server.condition;

/** How fields are written in a condition. */
public enum Syntax {
    /** Workflow conditions: every field names its source, {@code profile@traits.age} (workflows §5, §9). */
    DOT_NOTATION,
    /** Search filters ({@code where}, private-api §3.16): plain paths inside the searched document, {@code traits.age}. */
    PLAIN_FIELDS
}
