package org.opencdp.server.workflow.rules;

import java.util.List;

/**
 * An enabled rule as the worker needs it (domain-model §6): which flow runs for an event type and source, and
 * the consents the profile must hold.
 */
public record Trigger(String id, String name, String eventType, String sourceId, String flowId, List<String> requiredConsents) {

    public Trigger {
        requiredConsents = List.copyOf(requiredConsents);
    }
}
