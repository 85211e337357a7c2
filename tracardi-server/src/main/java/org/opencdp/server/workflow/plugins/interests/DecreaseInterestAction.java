package org.opencdp.server.workflow.plugins.interests;

/** Decrease interest (workflows §8): subtracts the value; a missing interest starts at 0. */
public final class DecreaseInterestAction extends InterestAction {

    public DecreaseInterestAction() {
        super("interest.decrease.plugin", "DecreaseInterestAction", "Decrease interest", "Decreases a profile interest.");
    }

    @Override
    Double apply(Double current, double value) {
        return (current == null ? 0 : current) - value;
    }
}
