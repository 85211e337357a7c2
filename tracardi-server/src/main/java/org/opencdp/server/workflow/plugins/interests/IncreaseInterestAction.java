package org.opencdp.server.workflow.plugins.interests;

/** Increase interest (workflows §8): adds the value; a missing interest starts at 0. */
public final class IncreaseInterestAction extends InterestAction {

    public IncreaseInterestAction() {
        super("interest.increase.plugin", "IncreaseInterestAction", "Increase interest", "Increases a profile interest.");
    }

    @Override
    Double apply(Double current, double value) {
        return (current == null ? 0 : current) + value;
    }
}
