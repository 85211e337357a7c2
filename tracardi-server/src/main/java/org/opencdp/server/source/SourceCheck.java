package org.opencdp.server.source;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jdbi.v3.core.JdbiException;
import org.opencdp.server.config.CollectorConfig;
import org.opencdp.server.storage.TenantScope;

/**
 * The source check of every collector endpoint (collector §10.1), in this order:
 * <ol>
 *   <li>an id starting with {@code @} (after trimming) → "Internal event sources are not allowed via API."
 *       (D29), also when the check is off;</li>
 *   <li>with {@code collector.sourceCheck: false} ({@code ENABLE_EVENT_SOURCE_CHECK=no}) any other id is
 *       accepted as a synthetic REST + webhook + redirect source with channel {@code Web};</li>
 *   <li>the source is looked up by (tenant, context, lower-cased id) in the configuration cache; missing
 *       (or a blank id) → "Invalid event source";</li>
 *   <li>{@code enabled = false} → "Event source disabled.";</li>
 *   <li>the endpoint's type not in {@code source.type} → "Event source type not allowed for this endpoint.".</li>
 * </ol>
 * A source that passes may be transitional; the caller then forces the ephemeral options
 * ({@link EventSource#ephemeral()}, collector §3.4). {@code locked} is an editing flag and is not checked.
 */
public final class SourceCheck {

    private final BiFunction<TenantScope, String, Optional<EventSource>> sources;
    private final boolean enabled;

    public SourceCheck(EventSourceCache cache, CollectorConfig config) {
        this(cache::find, config.sourceCheck());
    }

    /** @param sources looks a source up by scope and normalised id */
    public SourceCheck(BiFunction<TenantScope, String, Optional<EventSource>> sources, boolean enabled) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.enabled = enabled;
    }

    /** The source the request may use, or the reason it may not. */
    public EventSource check(TenantScope scope, String sourceId, EndpointKind endpoint) throws SourceRejectedException {
        String id = EventSource.normalizeId(sourceId);
        if (id != null && id.startsWith("@")) {
            throw new SourceRejectedException(SourceRejectedException.Reason.INTERNAL, sourceId);
        }
        if (id == null || id.isEmpty()) {
            throw new SourceRejectedException(SourceRejectedException.Reason.INVALID, sourceId);
        }
        if (!enabled) {
            return EventSource.synthetic(id);
        }
        EventSource source = lookUp(scope, id)
                .orElseThrow(() -> new SourceRejectedException(SourceRejectedException.Reason.INVALID, sourceId));
        if (!source.enabled()) {
            throw new SourceRejectedException(SourceRejectedException.Reason.DISABLED, sourceId);
        }
        if (!endpoint.accepts(source)) {
            throw new SourceRejectedException(SourceRejectedException.Reason.WRONG_TYPE, sourceId);
        }
        return source;
    }

    /** The lookup; MySQL unreachable becomes {@link SourcesUnavailableException} (503), other failures stay as they are. */
    private Optional<EventSource> lookUp(TenantScope scope, String id) {
        try {
            return sources.apply(scope, id);
        } catch (JdbiException e) {
            if (SourcesUnavailableException.isConnectionFailure(e)) {
                throw new SourcesUnavailableException("event sources unavailable: MySQL could not be reached", e);
            }
            throw e;
        }
    }
}
