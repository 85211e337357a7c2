package org.opencdp.server.workflow.plugin;

/** A node's {@code init} that its plugin refuses; the flow does not compile. */
public final class PluginConfigException extends Exception {

    public PluginConfigException(String message) {
        super(message);
    }
}
