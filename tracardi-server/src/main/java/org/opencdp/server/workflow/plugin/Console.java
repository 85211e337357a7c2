package org.opencdp.server.workflow.plugin;

/** Where nodes write console messages (workflows §3.2). Warnings and errors also mark the event. */
public interface Console {

    void log(String message);

    void warning(String message);

    void error(String message);
}
