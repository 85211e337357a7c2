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
import org.opencdp.server.collector.webhook.HashedIds;
import org.opencdp.server.common.json.AppliedBatches;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.completion.BatchRef;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.config.FeaturesConfig;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.event.EventInput;
import org.opencdp.server.event.EventOrigin;
import org.opencdp.server.event.SystemEventType;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.mapping.MappingsUnavailableException;
import org.opencdp.server.profile.ProfileDocument;
import org.opencdp.server.profile.ProfileIdMap;
import org.opencdp.server.profile.ScopedProfileId;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.DataContext;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BatchStorage;
import org.opencdp.server.storage.elastic.BulkResult;
import org.opencdp.server.storage.elastic.ElasticUnavailableException;
import org.opencdp.server.storage.elastic.FailedEventStore;
import org.opencdp.server.storage.elastic.FailureStage;
import org.opencdp.server.storage.elastic.VersionConflictException;
import org.opencdp.server.storage.elastic.Versioned;

/**
 * Processes one batch in the worker (processing §3.2): dedupe, lock the profile, load or create profile
 * and session, enrich, append system events, build the events, persist events, session and profile in one bulk
 * (session and profile each with the batch id in its applied-batches ring), and finally the completion record. A
 * re-delivered batch finds its id in the rings or its completion record and changes nothing; one that finds it in
 * the profile's ring only redoes the session.
 * The profile id is followed through the id map first, so a batch (or its retry) whose profile was merged away
 * meanwhile, by its own workflow merge included, works on the survivor.
 */
public final class BatchProcessor {

    private static final int OCC_ATTEMPTS = 3;

    private final ObjectMapper json;
    private final ProfileLocks locks;
    private final BatchStorage storage;
    private final FailedEventStore failedEvents;
    private final CompletionRecords completions;
    private final SessionEnricher enricher;
    private final ProfileMapping mapping;
    private final BatchFlows flows;
    private final FeaturesConfig features;
    private final MergingKeyIds mergingKeyIds;
    private final ProfileIdMap idMap;
    private final String instanceId;
    private final Clock clock;

    /** @param idMap the id map of merged profiles (processing §10.5), or null to take the batch's profile id as it is */
    public BatchProcessor(ObjectMapper json, ProfileLocks locks, BatchStorage storage, FailedEventStore failedEvents,
                          CompletionRecords completions, SessionEnricher enricher, ProfileMapping mapping, BatchFlows flows,
                          FeaturesConfig features, HashedIds hashedIds, ProfileIdMap idMap,
                          String instanceId, Clock clock) {
        this.idMap = idMap;
        this.json = json;
        this.locks = locks;
        this.storage = storage;
        this.failedEvents = failedEvents;
        this.completions = completions;
        this.enricher = enricher;
        this.mapping = mapping;
        this.flows = flows;
        this.features = features;
        this.mergingKeyIds = hashedIds == null ? MergingKeyIds.OFF : new MergingKeyIds(hashedIds);
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
            String sentId = batch.profileLess() ? null : batch.resolution().profileId();
            for (int attempt = 1; ; attempt++) {
                // P2: a merge since F6, or by an earlier attempt of this batch, moved the profile to its survivor.
                String profileId = sentId == null ? null : current(scope, sentId);
                try (AttemptLocks held = new AttemptLocks()) {
                    if (profileId != null) {
                        held.hold(locks.acquire(scope, profileId));
                    }
                    complete(scope, batch, run(scope, batch, profileId, held));
                    return;
                } catch (VersionConflictException e) {
                    if (attempt >= OCC_ATTEMPTS) {
                        throw new TransientQueueException("profile " + profileId + " kept changing under batch "
                                + batch.batchId(), e);
                    }
                }
            }
        } catch (ElasticUnavailableException | redis.clients.jedis.exceptions.JedisException | MappingsUnavailableException e) {
            throw (TransientQueueException) queueFailure(e);
        }
    }

    /**
     * A failure as the queue should see it: a backend outage is transient (the batch is retried later without
     * counting an attempt); any other failure is returned as it is.
     */
    static Exception queueFailure(Exception e) {
        if (e instanceof ElasticUnavailableException) {
            return new TransientQueueException("Elasticsearch unavailable: " + e.getMessage(), e);
        }
        if (e instanceof redis.clients.jedis.exceptions.JedisException) {
            return new TransientQueueException("Redis unavailable: " + e.getMessage(), e);
        }
        if (e instanceof MappingsUnavailableException) {
            return new TransientQueueException(e.getMessage(), e);
        }
        return e;
    }

    /** The profile a batch works on: the survivor its profile was merged into, if it was. */
    String current(TenantScope scope, String profileId) {
        return idMap == null ? profileId : idMap.survivor(scope, profileId).orElse(profileId);
    }

    /** {@link #current} of several profiles, with one round trip to the id map for all of them. */
    List<String> currentAll(List<ScopedProfileId> profiles) {
        if (idMap == null) {
            return profiles.stream().map(ScopedProfileId::profileId).toList();
        }
        List<Optional<String>> survivors = idMap.survivors(profiles);
        List<String> current = new ArrayList<>(profiles.size());
        for (int i = 0; i < profiles.size(); i++) {
            current.add(survivors.get(i).orElse(profiles.get(i).profileId()));
        }
        return current;
    }

    private BatchOutcome run(TenantScope scope, BatchRecord batch, String profileId, AttemptLocks held)
            throws TransientQueueException {
        // The profile and the session in one real-time read; events, session and profile in one bulk.
        BatchStorage.Loaded loaded = storage.loadAll(List.of(loadRequest(scope, batch, profileId))).get(0);
        Prepared prepared = prepare(scope, batch, profileId, held, loaded);
        if (prepared.replayed() != null || prepared.write().isEmpty()) {
            return finish(prepared, null);
        }
        BatchStorage.BatchWrite write = prepared.write();
        return finish(prepared, storage.writeBatch(scope, write.events(), write.session(), write.profile()));
    }

    /** What a batch reads: its profile (null when profile-less) and the session it names, in the partition of its start. */
    BatchStorage.LoadRequest loadRequest(TenantScope scope, BatchRecord batch, String profileId) {
        Instant received = Times.parse(batch.receivedAt()).orElseGet(clock::instant);
        Instant sessionStart = Times.parse(batch.resolution().sessionStart()).orElse(received);
        return new BatchStorage.LoadRequest(scope, profileId, batch.resolution().sessionId(), sessionStart);
    }

    /**
     * A batch between its reads and its writes: either a replay that needs nothing ({@code replayed}), or what to
     * write and what its answer will say.
     */
    record Prepared(TenantScope scope, BatchRecord batch, BatchOutcome replayed, BatchStorage.BatchWrite write,
                    String profileId, String sessionId, BatchFlows.Result flows, int profileSaved, int sessionSaved,
                    List<String> errors, List<String> warnings) {
    }

    /** Everything of a batch from its loaded profile and session up to the writes (processing §3.2 P3–P16). */
    Prepared prepare(TenantScope scope, BatchRecord batch, String profileId, AttemptLocks held, BatchStorage.Loaded loaded)
            throws TransientQueueException {
        Instant received = Times.parse(batch.receivedAt()).orElseGet(clock::instant);
        boolean saveSession = option(batch, "saveSession") && !batch.source().transitional();
        boolean saveEvents = option(batch, "saveEvents") && !batch.source().transitional();
        boolean saveProfile = option(batch, "saveProfile");

        String sessionId = batch.resolution().sessionId();
        Instant sessionStart = Times.parse(batch.resolution().sessionStart()).orElse(received);
        Optional<Versioned<ObjectNode>> loadedProfile = loaded.profile();
        ProfileDocument profile = profileId == null ? null
                : loadedProfile.map(found -> ProfileDocument.of(found.document()))
                        .orElseGet(() -> ProfileDocument.create(profileId, received));
        boolean profileCreated = profile != null && loadedProfile.isEmpty();
        // Events, session and profile go out in one bulk, which is not atomic: a replay may find the batch in the
        // profile's ring but not in the session's (the session write failed). Then the batch is redone for the session
        // alone; the profile, which counted the batch already, is not written again.
        boolean profileHasBatch = profile != null && profile.hasAppliedBatch(batch.batchId());
        if (profileHasBatch && !sessionMissesBatch(loaded, saveSession && sessionId != null, batch.batchId())) {
            // A replay whose completion record expired or was lost: everything was persisted already.
            return new Prepared(scope, batch, new BatchOutcome(profile.id(), batch.resolution().sessionId(), json.createArrayNode(),
                    json.createObjectNode(), List.of(), new BatchOutcome.Saved(0, 0, 0), List.of(), List.of()),
                    null, null, null, null, 0, 0, null, null);
        }

        Optional<Versioned<ObjectNode>> loadedSession = loaded.session();
        SessionDocument session = null;
        boolean sessionCreated = false;
        boolean rebound = false;
        boolean resumed = false;
        boolean reopened = false;
        if (sessionId != null) {
            if (loadedSession.isPresent()) {
                session = SessionDocument.of(loadedSession.get().document());
                // The visit closer ended this visit; activity in the same session starts a new one (domain-model §14).
                reopened = SessionDocument.Status.ENDED.label().equals(session.status());
                if (profile != null && !profile.id().equals(session.profileId())) {
                    session.rebind(profile.ref());
                    rebound = true;
                } else {
                    // An earlier attempt of this very batch created or bound the session and was cut off (crash,
                    // outage) before the profile write: the visit is still this batch's, so it is counted now.
                    resumed = batch.batchId().equals(SessionMarks.visitBatch(session.json()));
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
            SessionMarks.markVisitBatch(session.json(), batch.batchId());
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
            if (saveSession && (newSession || reopened)) {
                built.add(EventDocument.systemEvent(SystemEventType.VISIT_STARTED, batch.batchId(), received, origin,
                        sessionRef, profileRef, session, List.copyOf(types)));
                types.add(SystemEventType.VISIT_STARTED.type());
            }
            if (saveSession && newSession) {
                built.add(EventDocument.systemEvent(SystemEventType.SESSION_OPENED, batch.batchId(), received, origin,
                        sessionRef, profileRef, session, types));
            }
        }
        if (session != null) {
            session.setStatus(status(types, sessionCreated));
            SessionMarks.markSource(session.json(), batch.source().id());
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
        if (profile != null) {
            profileChanged |= mergingKeyIds.apply(profile);
        }

        List<String> errors = new ArrayList<>();
        BatchSubject subject = new BatchSubject(profile, loadedProfile.orElse(null), session, loadedSession.orElse(null), held);
        BatchFlows.Result flowResult = flows.apply(scope, batch.batchId(), batch.source().id(), built, subject,
                newVisit, profileCreated, newSession, batch.debug(), warnings, errors);
        // Flows and merges may have switched the profile or session: the events follow, and those are persisted.
        subject.repointEvents(built, saveProfile, saveSession);
        if (subject.profileSwitched() && subject.session() != null && !subject.profile().id().equals(subject.session().profileId())) {
            subject.session().rebind(subject.profile().ref());
        }
        profile = subject.profile();
        session = subject.session();
        profileChanged |= flowResult.profileChanged() || subject.profileSwitched();
        if (profile != null && flowResult.profileChanged()) {
            // Flows may have written merging keys: their hashes join profile.ids at once (workflows §3.4).
            mergingKeyIds.apply(profile);
        }
        BatchStorage.SessionWrite sessionWrite = null;
        if (saveSession && session != null) {
            session.setUpdated(received);
            session.addAppliedBatch(batch.batchId());
            sessionWrite = new BatchStorage.SessionWrite(session.json(), session.start(), subject.storedSession());
        }
        BatchStorage.ProfileWrite profileWrite = null;
        boolean writeProfile = profile != null && saveProfile && !profileHasBatch;
        if (writeProfile) {
            profile.addAppliedBatch(batch.batchId());
            profile.setUpdated(clock.instant());
            // A creation that finds the profile (two first requests of one session) is a conflict: redo on top of it.
            profileWrite = new BatchStorage.ProfileWrite(profile.json(), subject.storedProfile());
        }
        // Events, session and profile, each with this batch in its applied ring.
        List<ObjectNode> toStore = saveEvents ? eventsToStore(built) : List.of();
        int profileSaved = writeProfile && (profileCreated || newVisit || profileChanged) ? 1 : 0;
        int sessionSaved = saveSession && (newSession || subject.sessionSwitched()) ? 1 : 0;
        // The answer names the profile the client must keep from now on: a merge survivor or a loaded profile.
        return new Prepared(scope, batch, null, new BatchStorage.BatchWrite(scope, toStore, sessionWrite, profileWrite),
                profile == null ? null : profile.id(), session == null ? sessionId : session.id(), flowResult,
                profileSaved, sessionSaved, errors, warnings);
    }

    /** The answer of a prepared batch once its writes are done ({@code events}: their results, null when none were sent). */
    BatchOutcome finish(Prepared prepared, BulkResult events) {
        if (prepared.replayed() != null) {
            return prepared.replayed();
        }
        List<String> storedIds = events == null ? List.of() : storedIds(prepared, events);
        return new BatchOutcome(prepared.profileId(), prepared.sessionId(), prepared.flows().ux(), prepared.flows().response(),
                storedIds, new BatchOutcome.Saved(prepared.profileSaved(), prepared.sessionSaved(), storedIds.isEmpty() ? 0 : 1),
                prepared.errors(), prepared.warnings());
    }

    /** Whether the batch's session is to be saved and its stored form does not hold the batch (read only on a replay). */
    private static boolean sessionMissesBatch(BatchStorage.Loaded loaded, boolean sessionSaved, String batchId) {
        return sessionSaved && !loaded.session()
                .map(stored -> AppliedBatches.contains(stored.document().path("internal"), batchId)).orElse(false);
    }

    private static List<ObjectNode> eventsToStore(List<EventDocument> built) {
        List<ObjectNode> toStore = new ArrayList<>(built.size());
        for (EventDocument event : built) {
            if (new JsonNodeOption(event.json().path("config").path("save")).notFalse()) {
                toStore.add(event.json());
            }
        }
        return toStore;
    }

    /** The ids of the stored events; a rejected one goes to the failed-events store and the answer's errors. */
    private List<String> storedIds(Prepared prepared, BulkResult result) {
        BatchRecord batch = prepared.batch();
        List<ObjectNode> sent = prepared.write().events();
        List<String> stored = new ArrayList<>();
        for (BulkResult.Item item : result.items()) {
            if (item.ok()) {
                stored.add(item.id());
            } else {
                failedEvents.record(prepared.scope(), batch.batchId(), FailureStage.INDEXING, item.reason(), 1,
                        batch.source().id(), batch.resolution().profileId(), batch.resolution().sessionId(),
                        sent.get(item.position()));
                prepared.errors().add("Event " + item.id() + ": not stored (" + item.reason() + ")");
            }
        }
        return stored;
    }

    void complete(TenantScope scope, BatchRecord batch, BatchOutcome outcome) {
        CompletionRecords.Completion done = completion(scope, batch, outcome);
        completions.complete(scope, batch.batchId(), done.recordJson());
    }

    /** The completion record of a processed batch, to be stored with others' ({@link CompletionRecords#completeAll}). */
    CompletionRecords.Completion completion(TenantScope scope, BatchRecord batch, BatchOutcome outcome) {
        try {
            return new CompletionRecords.Completion(new BatchRef(scope, batch.batchId()), json.writeValueAsString(outcome));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session's status after a batch (processing §6.2): ended by a visit-ended, started by a new visit, else active. */
    private static SessionDocument.Status status(List<String> types, boolean created) {
        if (types.contains("visit-ended")) {
            return SessionDocument.Status.ENDED;
        }
        return created || types.contains(SystemEventType.VISIT_STARTED.type()) ? SessionDocument.Status.STARTED
                : SessionDocument.Status.ACTIVE;
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
