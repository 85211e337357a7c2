package org.opencdp.server.api;

import java.util.List;

/**
 * One feature's slice of the private API (users, event sources, profiles…). A module builds its resources
 * from the shared {@link ApiWiring}; {@code PrivateApiContext} registers them after {@link RouteGuard} checked
 * that every endpoint declares who may call it.
 */
public interface PrivateApiModule {

    /** The JAX-RS resources (and exception mappers) of this module. */
    List<Object> components(ApiWiring wiring);
}
