package org.opencdp.server.condition.ast;

/** The string and list tests. */
public enum MatchKind {
    CONTAINS("CONTAINS"),
    STARTS_WITH("STARTS WITH"),
    ENDS_WITH("ENDS WITH");

    private final String keyword;

    MatchKind(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
