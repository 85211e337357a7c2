package org.opencdp.server.workflow;

import java.time.Clock;
import org.opencdp.server.condition.ConditionContext;
import org.opencdp.server.condition.ConditionException;
import org.opencdp.server.condition.Conditions;
import org.opencdp.server.condition.Evaluation;
import org.opencdp.server.workflow.plugin.ConditionEvaluator;
import org.opencdp.server.workflow.plugin.NodeContext;

/**
 * The condition language (workflows §9) for If, Conditional segmentation and {@code run_once}: conditions are
 * parsed once (cached by text) and evaluated over the node's profile, event, session, payload, flow and memory.
 * Evaluation warnings (e.g. comparing a number with a string) go to the console.
 */
public final class ConditionLanguageEvaluator implements ConditionEvaluator {

    private final Clock clock;

    public ConditionLanguageEvaluator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean test(String condition, NodeContext context) {
        Evaluation evaluation = Conditions.parse(condition).evaluate(ConditionContext.builder()
                .profile(context.profile()).event(context.event()).session(context.session()).payload(context.payload())
                .flow(context.flow()).memory(context.memory()).clock(clock).build());
        evaluation.warnings().forEach(warning -> context.console().warning("Condition `" + condition + "`: " + warning));
        return evaluation.result();
    }

    @Override
    public void validate(String condition) {
        try {
            Conditions.parse(condition);
        } catch (ConditionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
