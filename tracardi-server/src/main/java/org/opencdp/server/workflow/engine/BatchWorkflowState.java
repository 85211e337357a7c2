package org.opencdp.server.workflow.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.Versioned;

/**
 * What the flows of one batch share (workflows §3.1, §3.4): the in-memory profile and session, the snapshot
 * taken before the first flow, the accumulated {@code ux} and {@code response}, the console, and the save and
 * merge requests the worker acts on afterwards.
 */
public final class BatchWorkflowState {

    private ObjectNode profile;
    private ObjectNode session;
    private ObjectNode profileSnapshot;
    private final boolean newVisit;
    private final boolean newProfile;
    private final boolean newSession;
    private final boolean debug;
    private final Clock clock;
    private final ArrayNode ux = JsonNodeFactory.instance.arrayNode();
    private final ObjectNode response = JsonNodeFactory.instance.objectNode();
    private final List<ConsoleEntry> console = new ArrayList<>();
    private final List<List<String>> mergeRequests = new ArrayList<>();
    private boolean profileSaveRequested;
    private boolean sessionSaveRequested;
    private boolean profileReplaced;
    private boolean sessionReplaced;
    private Versioned<ObjectNode> replacementStored;
    private TenantScope scope;

    public BatchWorkflowState(ObjectNode profile, ObjectNode session, boolean newVisit, boolean newProfile, boolean newSession,
                              boolean debug, Clock clock) {
        this.profile = profile;
        this.session = session;
        this.profileSnapshot = profile == null ? null : profile.deepCopy();
        this.newVisit = newVisit;
        this.newProfile = newProfile;
        this.newSession = newSession;
        this.debug = debug;
        this.clock = clock;
    }

    public ObjectNode profile() { return profile; }
    public ObjectNode session() { return session; }
    public boolean newVisit() { return newVisit; }
    public boolean newProfile() { return newProfile; }
    public boolean newSession() { return newSession; }
    public boolean debug() { return debug; }
    /** The tenant and context of the run, or null when unknown (unit tests of the engine). */
    public TenantScope scope() { return scope; }
    public Clock clock() { return clock; }
    public ArrayNode ux() { return ux; }
    public ObjectNode response() { return response; }
    public List<ConsoleEntry> console() { return console; }
    public List<List<String>> mergeRequests() { return mergeRequests; }
    public boolean profileSaveRequested() { return profileSaveRequested; }
    public boolean sessionSaveRequested() { return sessionSaveRequested; }
    /** Whether a flow put another profile in place of the one the batch started with (its id may differ). */
    public boolean profileReplaced() { return profileReplaced; }
    /** Whether a flow put another session in place of the one the batch started with. */
    public boolean sessionReplaced() { return sessionReplaced; }

    /**
     * What the replacing profile was read from, when a flow loaded a stored profile (Load profile by field); null
     * when the profile was not replaced or was replaced by a new one.
     */
    public Versioned<ObjectNode> replacementStored() { return replacementStored; }

    /** Sets the tenant and context lookups of this run use; returns this state. */
    public BatchWorkflowState scope(TenantScope value) {
        this.scope = value;
        return this;
    }

    /** Whether the flows changed the profile or asked for it to be saved. */
    public boolean profileChanged() {
        return profileSaveRequested || (profile != null && !profile.equals(profileSnapshot));
    }

    void requestProfileSave() { profileSaveRequested = true; }
    void requestSessionSave() { sessionSaveRequested = true; }
    void requestMerge(List<String> keys) { mergeRequests.add(List.copyOf(keys)); }

    /**
     * Another profile from now on. Its snapshot is the profile as given, so Discard profile update later
     * returns to it rather than to a different profile.
     */
    void replaceProfile(ObjectNode replacement) {
        profile = replacement;
        profileSnapshot = replacement == null ? null : replacement.deepCopy();
        profileReplaced = true;
        profileSaveRequested = replacement != null;
        replacementStored = null;
    }

    void rememberReplacementVersion(Versioned<ObjectNode> stored) {
        replacementStored = stored;
    }

    void replaceSession(ObjectNode replacement) {
        session = replacement;
        sessionReplaced = true;
        sessionSaveRequested = replacement != null;
    }

    /** Restores the profile taken before the first flow (the same object, so every holder sees it). */
    void discardProfileChanges() {
        if (profile != null && profileSnapshot != null) {
            profile.removeAll();
            profile.setAll(profileSnapshot.deepCopy());
        }
    }
}
