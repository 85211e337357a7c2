package org.opencdp.server.role;

import io.dropwizard.core.setup.Environment;

/**
 * The parts one role owns: its resources, managed loops and health checks. A role is started by
 * registering its contexts and nothing else, so a collector can never expose what the private API owns.
 */
public interface RoleContext {

    /** Registers this context's resources, loops and health checks with the environment. */
    void register(Environment environment);
}
