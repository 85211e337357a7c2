package org.opencdp.server.workflow.plugins.counters;

/** Increment counter (workflows §8): {@code field += increment}. */
public final class IncrementAction extends CounterAction {

    public IncrementAction() {
        super("increment_action", "IncrementAction", "Increment counter", "increment", 1);
    }
}
