package org.opencdp.server.merge;

/**
 * Named points between the steps of applying a merge. Production code passes {@link #NONE}; tests throw from a
 * checkpoint to leave a merge half done, as a crash would, and then check that it is resumed.
 */
@FunctionalInterface
interface Checkpoints {

    Checkpoints NONE = step -> { };

    /** Called after {@code step} ({@code journaled}, {@code survivor-saved}, {@code profiles-done}) completed. */
    void reached(String step);
}
