package org.opencdp.server.workflow.plugins.counters;

/** Decrement counter (workflows §8): {@code field -= decrement}. */
public final class DecrementAction extends CounterAction {

    public DecrementAction() {
        super("decrement_action", "DecrementAction", "Decrement counter", "decrement", -1);
    }
}
