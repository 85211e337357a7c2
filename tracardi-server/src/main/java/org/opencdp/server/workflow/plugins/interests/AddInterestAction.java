package org.opencdp.server.workflow.plugins.interests;

/** Add interest (workflows §8): sets the interest to the value when the profile does not have it yet. */
public final class AddInterestAction extends InterestAction {

    public AddInterestAction() {
        super("interest.add.plugin", "AddInterestAction", "Add interest", "Adds an interest to the profile.");
    }

    @Override
    Double apply(Double current, double value) {
        return current == null ? value : null;
    }
}
