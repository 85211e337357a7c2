package org.opencdp.server.worker;

import java.util.List;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.TenantScope;

/**
 * Steps P10–P11 (processing §7): copies what an event says about the customer into the profile — the
 * built-in event types' mappings, then the tenant's custom event-to-profile mappings. Runs once per event,
 * in batch order, under the profile lock; it must not throw for anything an event contains (D7): a value
 * that cannot be mapped is skipped with a warning.
 */
public interface ProfileMapping {

    /** Maps nothing; for profile-less batches and when the feature is off. */
    ProfileMapping NONE = (scope, event, profile, session, warnings) -> false;

    /**
     * Applies the mappings of one event.
     *
     * @param profile the batch's profile, or null for a profile-less batch (then only the event itself may change)
     * @return whether the profile's content changed (it then counts as saved, collector-api §3.6)
     */
    boolean apply(TenantScope scope, EventDocument event, ProfileDocument profile, SessionDocument session,
                  List<String> warnings);
}
