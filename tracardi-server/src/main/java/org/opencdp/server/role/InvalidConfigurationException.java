package org.opencdp.server.role;

import java.util.List;

/** The configuration cannot be used; the message lists every problem with its key. */
public final class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(List<String> problems) {
        super("Invalid configuration:\n  * " + String.join("\n  * ", problems));
    }
}
