package org.opencdp.server.merge;

import java.util.Locale;
import java.util.Optional;

/** Why profiles were merged (processing §10.1, domain-model §15.2). */
public enum MergeReason {
    IDENTIFICATION_POINT("identification-point", true),
    WORKFLOW("workflow", false),
    APM("apm", true),
    REFERRAL("referral", false),
    API("api", false);

    private final String label;
    private final boolean guarded;

    MergeReason(String label, boolean guarded) {
        this.label = label;
        this.guarded = guarded;
    }

    /** The journal's and the API's spelling. */
    public String label() {
        return label;
    }

    /**
     * Whether the primary-id part of the merge guard applies (processing §10.2): only to merges nobody asked for
     * explicitly.
     */
    public boolean guarded() {
        return guarded;
    }

    public static Optional<MergeReason> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (MergeReason reason : values()) {
            if (reason.label.equals(wanted)) {
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
