package org.opencdp.server.workflow.plugins;

import org.opencdp.server.workflow.plugin.ConsentTypeLookup;
import org.opencdp.server.workflow.plugin.EventHistory;
import org.opencdp.server.workflow.plugin.ProfileLookup;
import org.opencdp.server.workflow.plugin.ResourceLookup;

/**
 * The read-only store lookups of the built-in actions (Load profile by field, Get previous event, Remote API call,
 * Add consent). Each takes the run's tenant and context, so one set serves every tenant; read-only, so debug runs
 * may use them too.
 */
public record StoreLookups(ProfileLookup profiles, EventHistory events, ResourceLookup resources,
                           ConsentTypeLookup consentTypes) {

    /** No stores: the actions that need one fail with a clear message when they run. */
    public static StoreLookups unavailable() {
        return new StoreLookups(ProfileLookup.unavailable(), EventHistory.unavailable(), ResourceLookup.unavailable(),
                ConsentTypeLookup.unavailable());
    }
}
