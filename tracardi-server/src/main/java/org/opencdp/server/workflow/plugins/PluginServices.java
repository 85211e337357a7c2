package org.opencdp.server.workflow.plugins;

import java.util.function.Supplier;
import org.opencdp.server.enrichment.UserAgentParser;
import org.opencdp.server.workflow.plugin.ConditionEvaluator;
import org.opencdp.server.workflow.plugin.ConsentTypeLookup;
import org.opencdp.server.workflow.plugin.EventHistory;
import org.opencdp.server.workflow.plugin.PluginMemory;
import org.opencdp.server.workflow.plugin.ProfileLookup;
import org.opencdp.server.workflow.plugin.ResourceLookup;

/**
 * What the built-in actions need from the rest of the server. A role that lacks one passes its
 * {@code unavailable()} form: the plugins still register and compile, and a node that needs the missing
 * service fails with a clear message when it runs.
 */
public record PluginServices(ConditionEvaluator conditions, PluginMemory memory, ProfileLookup profiles,
                             EventHistory events, ResourceLookup resources, ConsentTypeLookup consentTypes,
                             Supplier<UserAgentParser> userAgents) {

    private static final class SharedParser {
        static final UserAgentParser INSTANCE = new UserAgentParser();
    }

    /** No backend services; the user-agent parser is created on first use. */
    public static PluginServices unavailable() {
        return new PluginServices(ConditionEvaluator.unavailable(), PluginMemory.unavailable(), ProfileLookup.unavailable(),
                EventHistory.unavailable(), ResourceLookup.unavailable(), ConsentTypeLookup.unavailable(),
                () -> SharedParser.INSTANCE);
    }

    public PluginServices withConditions(ConditionEvaluator value) {
        return new PluginServices(value, memory, profiles, events, resources, consentTypes, userAgents);
    }

    public PluginServices withMemory(PluginMemory value) {
        return new PluginServices(conditions, value, profiles, events, resources, consentTypes, userAgents);
    }

    /** These services with every store lookup of {@code lookups}. */
    public PluginServices withLookups(StoreLookups lookups) {
        return new PluginServices(conditions, memory, lookups.profiles(), lookups.events(), lookups.resources(),
                lookups.consentTypes(), userAgents);
    }

    public PluginServices withProfiles(ProfileLookup value) {
        return new PluginServices(conditions, memory, value, events, resources, consentTypes, userAgents);
    }

    public PluginServices withEvents(EventHistory value) {
        return new PluginServices(conditions, memory, profiles, value, resources, consentTypes, userAgents);
    }

    public PluginServices withResources(ResourceLookup value) {
        return new PluginServices(conditions, memory, profiles, events, value, consentTypes, userAgents);
    }

    public PluginServices withConsentTypes(ConsentTypeLookup value) {
        return new PluginServices(conditions, memory, profiles, events, resources, value, userAgents);
    }
}
