package org.opencdp.server.merge;

import java.util.Locale;

/**
 * Where a journaled merge stands (domain-model §15.2). {@code applied}: journaled, profile changes possibly in
 * progress; {@code repointing}: profiles done, events and sessions being moved; {@code complete}; {@code reverted}.
 */
public enum MergeStatus {
    APPLIED, REPOINTING, COMPLETE, REVERTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MergeStatus parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether a crash may have left the merge half done, so recovery must pick it up. */
    public boolean unfinished() {
        return this == APPLIED || this == REPOINTING;
    }
}
