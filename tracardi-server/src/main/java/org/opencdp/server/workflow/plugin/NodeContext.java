package org.opencdp.server.workflow.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.workflow.notation.DotAccessor;

/**
 * What a node sees while it runs (workflows §3.2, §4): the event, profile and session being processed (mutable;
 * profile and session are null when absent), the flow's memory, console, UX list and response, and requests
 * the engine acts on after all flows.
 */
public interface NodeContext {

    ObjectNode event();

    /** The profile, or null for a profile-less event. */
    ObjectNode profile();

    /** The session, or null for a session-less event. */
    ObjectNode session();

    /** Read-only {@code {id, name, description, type, tags}} of the running flow. */
    JsonNode flow();

    ObjectNode memory();

    /** This node run's input, {@code payload@}. */
    JsonNode payload();

    /** Dot-notation access with this node's input as {@code payload@}. */
    DotAccessor dots();

    Console console();

    ArrayNode ux();

    ObjectNode response();

    /** Whether this batch started a visit (the session was created or re-bound, processing §5.1). */
    boolean newVisit();

    boolean newProfile();

    boolean newSession();

    boolean debug();

    /**
     * The tenant and context the batch (or debug run) belongs to, for the store lookups of actions such as Load
     * profile by field; null when the run has none (engine unit tests).
     */
    TenantScope scope();

    Instant now();

    void requestProfileSave();

    void requestSessionSave();

    void requestMerge(List<String> mergeKeys);

    /** Restores the profile as it was before the first flow of this batch. */
    void discardProfileChanges();

    /** The id of the running node, for per-node memory such as Value threshold (workflows §2 {@code run_once}). */
    String nodeId();

    /**
     * Makes {@code profile} the profile of this batch from now on (Load profile by field, Create empty profile):
     * the event points to it, later nodes and flows see it, and it is saved after the flows.
     */
    void replaceProfile(ObjectNode profile);

    /**
     * Like {@link #replaceProfile}, for a profile read from the store (Load profile by field): it is saved after the
     * flows conditionally on the version it was read at, so a concurrent change is never overwritten.
     */
    void replaceProfile(Versioned<ObjectNode> stored);

    /** Makes {@code session} the session of this batch from now on (Create empty session); it is saved after the flows. */
    void replaceSession(ObjectNode session);
}
