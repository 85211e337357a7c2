package org.opencdp.server.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.opencdp.server.lock.ProfileLocks;

/** The profile locks one attempt of a batch holds (its profile's, and a merge survivor's), released together. */
final class AttemptLocks implements AutoCloseable {

    private final List<ProfileLocks.Lease> leases = new ArrayList<>();

    void hold(ProfileLocks.Lease lease) {
        leases.add(lease);
    }

    /** Hands the locks over to be released by the caller (with others, in one round trip), the newest first. */
    List<ProfileLocks.Lease> handOver() {
        List<ProfileLocks.Lease> held = new ArrayList<>(leases);
        Collections.reverse(held);
        leases.clear();
        return held;
    }

    /** Releases every lock, the newest first. */
    @Override
    public void close() {
        for (int i = leases.size() - 1; i >= 0; i--) {
            leases.get(i).close();
        }
        leases.clear();
    }
}
