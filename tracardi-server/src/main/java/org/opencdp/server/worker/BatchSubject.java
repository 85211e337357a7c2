package org.opencdp.server.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.elastic.Versioned;

/**
 * The profile and session one attempt of a batch works on, each with what it was loaded from (the version its
 * conditional write in P16 checks; null for a document not stored yet). Flows (Load profile by field, Create empty
 * profile or session) and the workflow merge (P14) may switch them; the batch then goes on with, and persists, the
 * new ones. Locks taken on the way (a merge survivor's) are held here until the attempt ends.
 */
public final class BatchSubject {

    private final String initialProfileId;
    private final String initialSessionId;
    private ProfileDocument profile;
    private Versioned<ObjectNode> storedProfile;
    private SessionDocument session;
    private Versioned<ObjectNode> storedSession;
    private final AttemptLocks locks;

    BatchSubject(ProfileDocument profile, Versioned<ObjectNode> storedProfile, SessionDocument session,
                 Versioned<ObjectNode> storedSession, AttemptLocks locks) {
        this.locks = locks;
        this.profile = profile;
        this.storedProfile = storedProfile;
        this.session = session;
        this.storedSession = storedSession;
        this.initialProfileId = profile == null ? null : profile.id();
        this.initialSessionId = session == null ? null : session.id();
    }

    /** The profile, or null for a profile-less batch. */
    public ProfileDocument profile() { return profile; }
    public Versioned<ObjectNode> storedProfile() { return storedProfile; }
    /** The session, or null for a session-less batch. */
    public SessionDocument session() { return session; }
    public Versioned<ObjectNode> storedSession() { return storedSession; }

    /** Whether the batch now works on another profile than the one it loaded. */
    public boolean profileSwitched() {
        return profile != null && !profile.id().equals(initialProfileId);
    }

    /** Whether the batch now works on another session than the one it loaded. */
    public boolean sessionSwitched() {
        return session != null && !session.id().equals(initialSessionId);
    }

    /** Goes on with another profile; {@code stored} is what it was read from, or null when it is new. */
    public void switchProfile(ProfileDocument replacement, Versioned<ObjectNode> stored) {
        this.profile = replacement;
        this.storedProfile = stored;
    }

    /** Goes on with another session; {@code stored} is what it was read from, or null when it is new. */
    public void switchSession(SessionDocument replacement, Versioned<ObjectNode> stored) {
        this.session = replacement;
        this.storedSession = stored;
    }

    /** A newer read of the same session (its version changed under a merge's re-pointing). */
    void refreshStoredSession(Versioned<ObjectNode> stored) {
        this.storedSession = stored;
    }

    /** Keeps a lock until the attempt ends. */
    void hold(ProfileLocks.Lease lease) {
        locks.hold(lease);
    }

    /**
     * Points the batch's events at the profile and session it went on with (P16 stores them after the flows): an
     * event that referenced the loaded profile (or, profile-less, none while a flow created one) references the
     * current one, and likewise for the session. Events whose references the {@code save*} options left out stay so.
     */
    void repointEvents(List<EventDocument> events, boolean profileRefs, boolean sessionRefs) {
        for (EventDocument event : events) {
            ObjectNode json = event.json();
            if (profileRefs && profileSwitched() && refersTo(json, "profile", initialProfileId)) {
                json.set("profile", profile.ref().toJson());
                json.withObject("metadata").put("profile_less", false);
            }
            if (sessionRefs && sessionSwitched() && refersTo(json, "session", initialSessionId)) {
                json.set("session", session.ref().toJson());
            }
        }
    }

    /** Whether the event's reference names {@code id} (a missing or null reference names a null id). */
    private static boolean refersTo(ObjectNode event, String field, String id) {
        return java.util.Objects.equals(id, event.path(field).path("id").asText(null));
    }
}
