package org.opencdp.server.visit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.event.EventDocument;
import org.opencdp.server.event.EventInput;
import org.opencdp.server.event.EventOrigin;
import org.opencdp.server.event.SystemEventType;
import org.opencdp.server.lock.ProfileLocks;
import org.opencdp.server.profile.ProfileRef;
import org.opencdp.server.queue.TransientQueueException;
import org.opencdp.server.session.SessionDocument;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.elastic.BulkResult;
import org.opencdp.server.storage.elastic.EventStore;
import org.opencdp.server.storage.elastic.Refresh;
import org.opencdp.server.storage.elastic.SessionStore;
import org.opencdp.server.storage.elastic.VersionConflictException;
import org.opencdp.server.storage.elastic.Versioned;
import org.opencdp.server.worker.SessionMarks;

/**
 * Closes one inactive visit (domain-model §14): under the lock of the session's profile, so it is serialised with
 * the profile's batches, it re-reads the session and, if it is still open and inactive, stores the system event
 * {@code visit-ended} with {@code {"duration": seconds}}, then writes the session with status {@code ended} and its
 * final duration (D28), conditional on the version it read.
 *
 * <p>Idempotent: the event id and time derive from the session and its last activity
 * ({@code metadata.time.update}), so closing the same visit again (a crash between the two writes, two leaders
 * for a moment) overwrites the same event document; a batch that arrives meanwhile changes the session's version
 * and its last activity, and the visit stays open.
 */
public final class VisitClosing {

    /** The source of a visit-ended event whose session has no stored event to take it from. */
    static final String FALLBACK_SOURCE = "@visit-closer";

    private final ProfileLocks locks;
    private final SessionStore sessions;
    private final EventStore events;
    private final Duration closeAfter;
    private final String instanceId;

    public VisitClosing(ProfileLocks locks, SessionStore sessions, EventStore events, Duration closeAfter, String instanceId) {
        this.locks = locks;
        this.sessions = sessions;
        this.events = events;
        this.closeAfter = closeAfter;
        this.instanceId = instanceId;
    }

    /**
     * Closes the visit of a session found inactive at {@code now}; returns whether {@code visit-ended} was stored.
     *
     * @throws TransientQueueException when the profile's lock is busy: the next round tries again
     */
    public boolean close(TenantScope scope, Versioned<?> found, Instant now) throws TransientQueueException {
        SessionDocument candidate = SessionDocument.of(((ObjectNode) found.document()).deepCopy());
        String profileId = candidate.profileId();
        ProfileLocks.Lease lease = profileId == null ? null : locks.acquire(scope, profileId);
        try {
            Optional<Versioned<ObjectNode>> current = sessions.get(scope, candidate.id(), candidate.start());
            if (current.isEmpty()) {
                return false;
            }
            SessionDocument session = SessionDocument.of(current.get().document());
            Optional<Instant> lastActivity = Times.parse(session.json().at("/metadata/time/update"));
            if (lastActivity.isEmpty() || SessionDocument.Status.ENDED.label().equals(session.status())
                    || lastActivity.get().plus(closeAfter).isAfter(now)) {
                return false;
            }
            session.updateDuration(lastActivity.get());
            EventDocument ended = event(scope, session, lastActivity.get());
            BulkResult stored = events.bulkIndex(scope, List.of(ended.json()));
            if (!stored.allOk()) {
                throw new IllegalStateException("visit-ended of session " + session.id() + " not stored: "
                        + stored.rejected().get(0).reason());
            }
            session.setStatus(SessionDocument.Status.ENDED);
            sessions.save(scope, session.json(), session.start(), current.get(), Refresh.NONE);
            return true;
        } catch (VersionConflictException e) {
            // A batch of this session arrived meanwhile (profile-less sessions are not locked): still open.
            return false;
        } finally {
            if (lease != null) {
                lease.close();
            }
        }
    }

    private EventDocument event(TenantScope scope, SessionDocument session, Instant lastActivity) {
        Instant closedAt = lastActivity.plus(closeAfter);
        // The source of the session's latest batch; sessions written before it was kept: that of its latest event.
        String source = Optional.ofNullable(SessionMarks.lastSource(session.json()))
                .or(() -> events.lastSourceOfSession(scope, session.id()))
                .filter(id -> !id.isBlank()).orElse(FALLBACK_SOURCE);
        EventOrigin origin = new EventOrigin(source, session.channel(), null, null, session.profileId() == null, false,
                instanceId);
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.put("duration", session.duration());
        EventInput input = new EventInput(eventId(session.id(), lastActivity), "visit-ended", properties, null, null,
                List.of(SystemEventType.TAG), closedAt, Times.toJson(closedAt));
        ProfileRef profile = session.profileId() == null ? null : ProfileRef.of(session.profileId());
        return EventDocument.build(input, origin, session.ref(), profile, session);
    }

    /** One id per closed visit: the session and the last activity the close was decided on. */
    static String eventId(String sessionId, Instant lastActivity) {
        return UUID.nameUUIDFromBytes(("visit-ended/" + sessionId + "/" + Times.format(lastActivity))
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
