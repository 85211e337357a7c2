package org.opencdp.server.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencdp.server.collector.track.BatchRecord;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.config.FeaturesConfig;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.event.EventInput;
import org.opencdp.server.event.EventOrigin;
import org.opencdp.server.event.SystemEventType;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.mapping.MappingsUnavailableException;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.DataContext;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BulkResult;
import org.opencdp.server.storage.elastic.ElasticUnavailableException;
import org.opencdp.server.storage.elastic.EventStore;
import org.opencdp.server.storage.elastic.FailedEventStore;
import org.opencdp.server.storage.elastic.FailureStage;
import org.opencdp.server.storage.elastic.ProfileStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.SessionStore;
import org.opencdp.server.storage.elastic.VersionConflictException;
import org.opencdp.server.storage.elastic.Versioned;

/**
 * Processes one batch in the worker (processing §3.2): dedupe, lock the profile, load or create profile
 * and session, enrich, append system events, build and persist the events, then the session, then the
 * profile (with the batch id in its applied-batches ring, in the same write), and finally the completion
 * record. A re-delivered batch finds its id in the ring or its completion record and changes nothing.
 */
public final class BatchProcessor {

    private static final int OCC_ATTEMPTS = 3;
    private static final String VISIT_BATCH = "visit_batch";

    private final ObjectMapper json;
    private final ProfileLocks locks;
    private final ProfileStore profiles;
    private final SessionStore sessions;
    private final EventStore events;
    private final FailedEventStore failedEvents;
    private final CompletionRecords completions;
    private final SessionEnricher enricher;
    private final ProfileMapping mapping;
    private final BatchFlows flows;
    private final FeaturesConfig features;
    private final String instanceId;
    private final Clock clock;

    public BatchProcessor(ObjectMapper json, ProfileLocks locks, ProfileStore profiles, SessionStore sessions,
                          EventStore events, FailedEventStore failedEvents, CompletionRecords completions,
                          SessionEnricher enricher, ProfileMapping mapping, BatchFlows flows, FeaturesConfig features,
                          String instanceId, Clock clock) {
        this.json = json;
        this.locks = locks;
        this.profiles = profiles;
        this.sessions = sessions;
        this.events = events;
        this.failedEvents = failedEvents;
        this.completions = completions;
        this.enricher = enricher;
        this.mapping = mapping;
        this.flows = flows;
        this.features = features;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    public static TenantScope scopeOf(BatchRecord batch) {
        return new TenantScope(Tenant.of(batch.tenant()), DataContext.of(batch.production()));
    }

    /**
     * Processes the batch under its profile's lock.
     *
     * @throws TransientQueueException when a backend is unavailable or the lock cannot be had; the batch is
     *                                 re-delivered later and, being idempotent, redone safely
     */
    public void process(BatchRecord batch) throws TransientQueueException {
        TenantScope scope = scopeOf(batch);
        try {
            if (completions.find(scope, batch.batchId()).isPresent()) {
                return;
            }
            String profileId = batch.profileLess() ? null : batch.resolution().profileId();
            ProfileLocks.Lease lease = profileId == null ? null : locks.acquire(scope, profileId);
            try {
                for (int attempt = 1; ; attempt++) {
                    try {
                        complete(scope, batch, run(scope, batch, profileId));
                        return;
                    } catch (VersionConflictException e) {
                        if (attempt >= OCC_ATTEMPTS) {
                            throw new TransientQueueException("profile " + profileId + " kept changing under batch "
                                    + batch.batchId(), e);
                        }
                    }
                }
            } finally {
                if (lease != null) {
                    lease.close();
                }
            }
        } catch (ElasticUnavailableException e) {
            throw new TransientQueueException("Elasticsearch unavailable: " + e.getMessage(), e);
        } catch (redis.clients.jedis.exceptions.JedisException e) {
            throw new TransientQueueException("Redis unavailable: " + e.getMessage(), e);
        } catch (MappingsUnavailableException e) {
            throw new TransientQueueException(e.getMessage(), e);
        }
    }

    private BatchOutcome run(TenantScope scope, BatchRecord batch, String profileId) {
        Instant received = Times.parse(batch.receivedAt()).orElseGet(clock::instant);
        boolean saveSession = option(batch, "saveSession") && !batch.source().transitional();
        boolean saveEvents = option(batch, "saveEvents") && !batch.source().transitional();
        boolean saveProfile = option(batch, "saveProfile");

        Optional<Versioned<ObjectNode>> loadedProfile = profileId == null ? Optional.empty() : profiles.get(scope, profileId);
        ProfileDocument profile = profileId == null ? null
                : loadedProfile.map(found -> ProfileDocument.of(found.document()))
                        .orElseGet(() -> ProfileDocument.create(profileId, received));
        boolean profileCreated = profile != null && loadedProfile.isEmpty();
        if (profile != null && profile.hasAppliedBatch(batch.batchId())) {
            // A replay whose completion record expired or was lost: everything was persisted already.
            return new BatchOutcome(profileId, batch.resolution().sessionId(), json.createArrayNode(), json.createObjectNode(),
                    List.of(), new BatchOutcome.Saved(0, 0, 0), List.of(), List.of());
        }

        String sessionId = batch.resolution().sessionId();
        Instant sessionStart = Times.parse(batch.resolution().sessionStart()).orElse(received);
        Optional<Versioned<ObjectNode>> loadedSession = sessionId == null ? Optional.empty()
                : sessions.get(scope, sessionId, sessionStart);
        SessionDocument session = null;
        boolean sessionCreated = false;
        boolean rebound = false;
        boolean resumed = false;
        if (sessionId != null) {
            if (loadedSession.isPresent()) {
                session = SessionDocument.of(loadedSession.get().document());
                if (profile != null && !profile.id().equals(session.profileId())) {
                    session.rebind(profile.ref());
                    rebound = true;
                } else {
                    // An earlier attempt of this very batch created or bound the session and was cut off (crash,
                    // outage) before the profile write: the visit is still this batch's, so it is counted now.
                    resumed = batch.batchId().equals(visitBatch(session.json()));
                }
            } else {
                session = SessionDocument.create(sessionId, profileId, sessionStart, batch.source().channel());
                enricher.enrichNew(session, batch);
                sessionCreated = true;
            }
            enricher.enrichEvery(session, batch);
        }
        boolean newSession = sessionCreated || rebound || resumed;
        if (newSession) {
            markVisitBatch(session.json(), batch.batchId());
        }
        boolean newVisit = profile != null && newSession;
        if (newVisit) {
            profile.newVisit(received, session.tz());
        }
        if (profile != null && session != null) {
            ProfileEnrichment.apply(profile, session);
        }

        EventOrigin origin = new EventOrigin(batch.source().id(), batch.source().channel(), batch.clientIp(),
                json.valueToTree(batch.headers()), batch.profileLess(), batch.debug(), instanceId);
        var sessionRef = saveSession && session != null ? session.ref() : null;
        var profileRef = saveProfile && profile != null ? profile.ref() : null;
        List<EventDocument> built = new ArrayList<>();
        List<String> types = new ArrayList<>();
        Instant lastInsert = null;
        for (BatchRecord.EventRecord event : batch.events()) {
            Instant insert = Times.parse(event.insert()).orElse(received);
            lastInsert = lastInsert == null || insert.isAfter(lastInsert) ? insert : lastInsert;
            EventInput input = new EventInput(event.id(), event.type(), event.properties(), event.context(), event.options(),
                    event.tags(), insert, event.create() == null ? null : json.getNodeFactory().textNode(event.create()));
            built.add(EventDocument.build(input, origin, sessionRef, profileRef, session));
            types.add(event.type());
        }
        if (features.systemEvents() && !types.contains("visit-ended")) {
            if (profileCreated && saveProfile && !types.contains(SystemEventType.PROFILE_CREATED.type())) {
                built.add(EventDocument.systemEvent(SystemEventType.PROFILE_CREATED, batch.batchId(), received, origin,
                        sessionRef, profileRef, session, types));
                types.add(SystemEventType.PROFILE_CREATED.type());
            }
            if (saveSession && newSession) {
                built.add(EventDocument.systemEvent(SystemEventType.VISIT_STARTED, batch.batchId(), received, origin,
                        sessionRef, profileRef, session, List.copyOf(types)));
                built.add(EventDocument.systemEvent(SystemEventType.SESSION_OPENED, batch.batchId(), received, origin,
                        sessionRef, profileRef, session, types));
            }
        }
        if (session != null && lastInsert != null) {
            session.updateDuration(lastInsert);
        }
        List<String> warnings = new ArrayList<>();
        boolean profileChanged = false;
        for (EventDocument event : built) {
            // Profile-less events get the event side of their built-in type (copies, state, tags) only.
            profileChanged |= mapping.apply(scope, event, profile, session, warnings);
        }

        List<String> errors = new ArrayList<>();
        BatchFlows.Result flowResult = flows.apply(scope, batch.batchId(), batch.source().id(), built, profile, session, newVisit, profileCreated,
                newSession, batch.debug(), warnings, errors);
        profileChanged |= flowResult.profileChanged();
        List<String> storedIds = persistEvents(scope, batch, built, saveEvents, errors);
        if (saveSession && session != null) {
            session.setUpdated(received);
            sessions.save(scope, session.json(), session.start(), loadedSession.orElse(null), Refresh.NONE);
        }
        if (profile != null && saveProfile) {
            profile.addAppliedBatch(batch.batchId());
            profile.setUpdated(clock.instant());
            if (loadedProfile.isPresent()) {
                profiles.replace(scope, profile.json(), loadedProfile.get());
            } else if (!profiles.create(scope, profile.json())) {
                // Another batch created it first (two first requests of one session): redo on top of it.
                throw new VersionConflictException("profile", profileId, new org.opencdp.server.storage.elastic.Version(-1, -1), "created concurrently by another batch");
            }
        }
        int profileSaved = profile != null && saveProfile && (profileCreated || newVisit || profileChanged) ? 1 : 0;
        return new BatchOutcome(profileId, sessionId, flowResult.ux(), flowResult.response(), storedIds,
                new BatchOutcome.Saved(profileSaved, saveSession && newSession ? 1 : 0, storedIds.isEmpty() ? 0 : 1),
                errors, warnings);
    }

    private List<String> persistEvents(TenantScope scope, BatchRecord batch, List<EventDocument> built, boolean saveEvents,
                                       List<String> errors) {
        List<ObjectNode> toStore = new ArrayList<>();
        for (EventDocument event : built) {
            JsonNodeOption save = new JsonNodeOption(event.json().path("config").path("save"));
            if (saveEvents && save.notFalse()) {
                toStore.add(event.json());
            }
        }
        if (toStore.isEmpty()) {
            return List.of();
        }
        BulkResult result = events.bulkIndex(scope, toStore);
        List<String> stored = new ArrayList<>();
        for (BulkResult.Item item : result.items()) {
            if (item.ok()) {
                stored.add(item.id());
            } else {
                ObjectNode event = toStore.get(item.position());
                failedEvents.record(scope, batch.batchId(), FailureStage.INDEXING, item.reason(), 1, batch.source().id(),
                        batch.resolution().profileId(), batch.resolution().sessionId(), event);
                errors.add("Event " + item.id() + ": not stored (" + item.reason() + ")");
            }
        }
        return stored;
    }

    private void complete(TenantScope scope, BatchRecord batch, BatchOutcome outcome) {
        try {
            completions.complete(scope, batch.batchId(), json.writeValueAsString(outcome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The batch that created or last re-bound a session ({@code internal.visit_batch}, written with the session
     * before the profile). A re-delivered batch that finds its own id here resumes its visit; the collector reads
     * it to tell a profile that is still being created from a deleted one. Null when unknown.
     */
    public static String visitBatch(com.fasterxml.jackson.databind.JsonNode session) {
        com.fasterxml.jackson.databind.JsonNode id = session.path("internal").path(VISIT_BATCH);
        return id.isTextual() ? id.textValue() : null;
    }

    private static void markVisitBatch(ObjectNode session, String batchId) {
        if (!(session.get("internal") instanceof ObjectNode)) {
            session.putObject("internal");
        }
        ((ObjectNode) session.get("internal")).put(VISIT_BATCH, batchId);
    }

    private static boolean option(BatchRecord batch, String name) {
        return batch.options() == null || !batch.options().path(name).isBoolean() || batch.options().path(name).booleanValue();
    }

    /** An event's {@code options.save}: only an explicit JSON {@code false} skips persisting it. */
    private record JsonNodeOption(com.fasterxml.jackson.databind.JsonNode node) {
        boolean notFalse() {
            return !(node.isBoolean() && !node.booleanValue());
        }
    }
}
