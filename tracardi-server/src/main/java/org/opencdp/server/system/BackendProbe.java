package org.opencdp.server.system;

/** A quick round trip to one backend, for {@code /test/<backend>}. */
@FunctionalInterface
public interface BackendProbe {

    /** Completes when the backend answered; throws with the reason otherwise. */
    void ping() throws Exception;
}
