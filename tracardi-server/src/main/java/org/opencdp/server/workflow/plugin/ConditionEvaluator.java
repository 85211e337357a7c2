package org.opencdp.server.workflow.plugin;

/**
 * The condition language (workflows §9) as plugins see it: If, Conditional segmentation and {@code run_once}
 * of type {@code condition}. The engine is given the real implementation; tests use a lambda.
 */
@FunctionalInterface
public interface ConditionEvaluator {

    /**
     * Evaluates {@code condition} against the objects of the running node ({@code profile@}, {@code event@},
     * {@code payload@}…).
     *
     * @throws Exception a condition that cannot be parsed or evaluated
     */
    boolean test(String condition, NodeContext context) throws Exception;

    /** Checks the syntax once, when the flow compiles. The default accepts everything. */
    default void validate(String condition) throws IllegalArgumentException {
    }

    /** An evaluator for servers without the condition language: every evaluation fails with a clear message. */
    static ConditionEvaluator unavailable() {
        return (condition, context) -> {
            throw new IllegalStateException("The condition language is not available on this server.");
        };
    }
}
