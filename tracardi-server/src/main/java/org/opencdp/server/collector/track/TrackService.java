package org.opencdp.server.collector.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.opencdp.server.common.time.Times;
import org.opencdp.server.completion.CompletionRecords;
import org.opencdp.server.config.CollectorConfig;
import org.opencdp.server.enrichment.UserAgentParser;
import org.opencdp.server.queue.BatchQueue;
import org.opencdp.server.queue.QueueMessage;
import org.opencdp.server.queue.QueueUnavailableException;
import org.opencdp.server.source.EndpointKind;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.SourceCheck;
import org.opencdp.server.source.SourceRejectedException;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.worker.BatchOutcome;

/**
 * The foreground of {@code /track} (processing §3.1, F3–F8): source and bot checks, normalisation, identity
 * resolution, the durable enqueue, and — for {@code POST} — awaiting the worker's result. Nothing is
 * answered 200 before the broker has acknowledged the batch.
 */
public final class TrackService {

    public static final String BATCHES_TOPIC = "batches";
    static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final ObjectMapper json;
    private final CollectorConfig config;
    private final SourceCheck sources;
    private final UserAgentParser userAgents;
    private final IdentityResolver identities;
    private final BatchQueue queue;
    private final CompletionRecords completions;
    private final TrackResult results;
    private final BatchMessages messages;
    private final Clock clock;

    public TrackService(ObjectMapper json, CollectorConfig config, SourceCheck sources, UserAgentParser userAgents,
                        IdentityResolver identities, BatchQueue queue, CompletionRecords completions, Clock clock) {
        this.json = json;
        this.config = config;
        this.sources = sources;
        this.userAgents = userAgents;
        this.identities = identities;
        this.queue = queue;
        this.completions = completions;
        this.results = new TrackResult(json, config.errorsInResponse());
        this.messages = new BatchMessages(json);
        this.clock = clock;
    }

    /** The bot check failed (collector-api §10.2). */
    public static final class BotRejectedException extends RuntimeException {
        public BotRejectedException() {
            super("Bot traffic is not allowed.");
        }
    }

    /**
     * Accepts a payload. The future completes with the answer, or with null for an empty batch; it fails
     * with {@link QueueUnavailableException} when the broker did not take the batch.
     */
    public CompletableFuture<TrackResult.Answer> track(TenantScope scope, TrackPayload payload, RequestInfo request,
                                                       boolean profileLess, boolean await) throws SourceRejectedException {
        return track(scope, EndpointKind.REST, payload, request, profileLess, await, Bridge.NONE);
    }

    /**
     * What a bridge decides once the source is known (processing §3.1 F4, §5.2): the payload to track (ids
     * and options possibly replaced), whether it is profile-less, whether a payload without a session id stays
     * session-less (webhooks) instead of getting a new session, and the static profile id, or null.
     */
    public record Routing(TrackPayload payload, boolean profileLess, boolean sessionLess, String staticProfileId) {
    }

    /** The bridge options of an endpoint, applied to the checked source (e.g. the webhook's {@code generate_profile}). */
    @FunctionalInterface
    public interface Bridge {
        /** No bridge options: the payload as sent, a session created when none was sent. */
        Bridge NONE = (scope, source, payload, profileLess) -> new Routing(payload, profileLess, false, null);

        Routing route(TenantScope scope, EventSource source, TrackPayload payload, boolean profileLess);
    }

    /**
     * Accepts a payload on an endpoint that needs sources of {@code endpoint}'s type; {@code bridge} applies the
     * source's bridge options before identity resolution.
     */
    public CompletableFuture<TrackResult.Answer> track(TenantScope scope, EndpointKind endpoint, TrackPayload sent,
                                                       RequestInfo request, boolean sentProfileLess, boolean await,
                                                       Bridge bridge) throws SourceRejectedException {
        EventSource source = sources.check(scope, sent.sourceId(), endpoint);
        String userAgent = sent.context().path("browser").path("local").path("browser").path("userAgent")
                .asText(request.header("user-agent"));
        boolean bot = userAgents.isBot(userAgent, request.header("from"));
        if (bot && config.bots().reject()) {
            throw new BotRejectedException();
        }
        if (sent.events().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Routing routing = bridge.route(scope, source, sent, sentProfileLess);
        TrackPayload payload = routing.payload();
        boolean profileLess = routing.profileLess();
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        List<BatchRecord.EventRecord> events = new ArrayList<>(payload.events().size());
        // Most events carry no insert time of their own and get the batch's: formatted once, not once per event.
        String nowText = Times.format(now);
        for (TrackPayload.PayloadEvent event : payload.events()) {
            String id = event.id() != null ? event.id() : UUID.randomUUID().toString();
            Instant insert = insertTime(event, id, now, source, warnings);
            events.add(new BatchRecord.EventRecord(id, event.type(), insert.equals(now) ? nowText : Times.format(insert),
                    event.timeCreate(), event.properties(), event.context(), event.options(), event.tags()));
        }
        IdentityResolver.Identity identity;
        if (profileLess && routing.sessionLess() && payload.sessionId() == null) {
            identity = IdentityResolver.Identity.none(now);
        } else if (!profileLess && routing.staticProfileId() != null) {
            identity = identities.resolveStatic(scope, payload.sessionId(), routing.staticProfileId(), now, warnings);
        } else {
            identity = identities.resolve(scope, payload.sessionId(), payload.profileId(), profileLess, now);
        }
        String batchId = UUID.randomUUID().toString();
        BatchRecord record = new BatchRecord(batchId, scope.tenant().name(), scope.production(), nowText,
                new BatchRecord.Source(source.id(), source.type(), source.channel(), source.ephemeral()),
                request.clientIp(), request.headers(), profileLess, payload.options(), payload.context(), payload.properties(),
                new BatchRecord.Resolution(identity.sessionId(), identity.sessionKnown(), Times.format(identity.sessionStart()),
                        identity.profileId(), identity.profileKnown(), identity.rebind()),
                events, await, payload.debug(), null);
        boolean debugBlock = config.trackDebug() && payload.option("debugger", false);
        return queue.publish(BATCHES_TOPIC, message(record, payload.sentBody())).thenCompose(acknowledged -> {
            if (!await) {
                return CompletableFuture.completedFuture(results.identityOnly(batchId, identity.profileId(),
                        identity.sessionId(), warnings, TrackResult.ASYNCHRONOUS, debugBlock));
            }
            return completions.await(scope, batchId, config.awaitTimeout())
                    .thenApply(found -> answer(batchId, identity, found, debugBlock, warnings));
        });
    }

    private TrackResult.Answer answer(String batchId, IdentityResolver.Identity identity, Optional<String> record,
                                      boolean debugBlock, List<String> warnings) {
        if (record.isEmpty()) {
            return results.identityOnly(batchId, identity.profileId(), identity.sessionId(), warnings,
                    TrackResult.DEFERRED, debugBlock);
        }
        try {
            return results.processed(batchId, json.readValue(record.get(), BatchOutcome.class), debugBlock, warnings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable completion record of batch " + batchId, e);
        }
    }

    private QueueMessage message(BatchRecord record, byte[] sentBody) {
        try {
            return new QueueMessage(record.partitionKey(), messages.write(record, sentBody),
                    Map.of("tenant", record.tenant(), "production", Boolean.toString(record.production())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client insert time is honoured only inside the allowed window (D23). */
    private Instant insertTime(TrackPayload.PayloadEvent event, String id, Instant now, EventSource source, List<String> warnings) {
        if (event.timeInsert() == null) {
            return now;
        }
        Optional<Instant> sent = Times.parse(json.getNodeFactory().textNode(event.timeInsert()));
        Duration backdate = maxBackdate(source);
        boolean inWindow = sent.isPresent() && !sent.get().isAfter(now.plus(FUTURE_SKEW))
                && (backdate.isZero() || !sent.get().isBefore(now.minus(backdate)));
        if (inWindow) {
            return sent.get();
        }
        warnings.add("Event " + id + ": time.insert outside allowed window, replaced");
        return now;
    }

    private Duration maxBackdate(EventSource source) {
        String days = source.configString("max_backdate_days");
        if (days != null) {
            try {
                return Duration.ofDays(Long.parseLong(days.trim()));
            } catch (NumberFormatException e) {
                // fall back to the collector's window
            }
        }
        return config.maxBackdate();
    }
}
