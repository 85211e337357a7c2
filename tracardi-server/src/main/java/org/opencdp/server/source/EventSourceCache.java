package org.opencdp.server.source;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigCache;

/**
 * The in-process cache of event sources per tenant and context (processing §14), read by the collector on
 * every request. Entries are keyed by (tenant, context, id); "no such source" is cached too. A write through
 * {@link EventSourceDao} on this node drops the entry before the write call returns (read-your-writes); a write
 * on another node drops it when its {@code config-changed} message arrives ({@link ConfigChangeBus}). The
 * staleness rules (TTL, no caching while unsubscribed, generation guard) are those of {@link ConfigCache}.
 */
public final class EventSourceCache implements ConfigChangeBus.Listener {

    private final BiFunction<TenantScope, String, Optional<EventSource>> loader;
    private final ConfigCache<Optional<EventSource>> entries;

    /** A cache kept in step with the other nodes by {@code bus}; registers itself as the bus's listener. */
    public EventSourceCache(EventSourceDao dao, ConfigChangeBus bus, Duration ttl) {
        this(dao::find, bus::subscribed, ttl, Ticker.systemTicker());
        bus.addListener(this);
    }

    /**
     * A cache over any loader, for tests: {@code subscribed} says whether changes made elsewhere are being
     * heard.
     */
    EventSourceCache(BiFunction<TenantScope, String, Optional<EventSource>> loader, BooleanSupplier subscribed,
                     Duration ttl, Ticker ticker) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.entries = new ConfigCache<>(subscribed, ttl, ticker);
    }

    /** The source with this id (trimmed and lower-cased) in the scope, from the cache or from MySQL. */
    public Optional<EventSource> find(TenantScope scope, String id) {
        String normalized = EventSource.normalizeId(id);
        if (normalized == null || normalized.isEmpty()) {
            return Optional.empty();
        }
        return entries.get(scope, normalized, () -> loader.apply(scope, normalized));
    }

    /** Drops one entry; called for every change of this node and, through Redis, of the others. */
    public void invalidate(TenantScope scope, String id) {
        entries.invalidate(scope, EventSource.normalizeId(id));
    }

    /** Drops every entry. */
    public void invalidateAll() {
        entries.invalidateAll();
    }

    @Override
    public void changed(ConfigChange change) {
        if (EventSourceDao.TABLE.equals(change.table()) && change.id() != null) {
            invalidate(change.scope(), change.id());
        }
    }

    @Override
    public void resynchronize() {
        invalidateAll();
    }

    /** How many lookups went to MySQL, for tests and metrics. */
    public long loads() {
        return entries.loads();
    }

    @Override
    public String toString() {
        return "EventSourceCache[" + entries.size() + " entries]";
    }
}
