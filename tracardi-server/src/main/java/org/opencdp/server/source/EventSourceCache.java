package org.opencdp.server.source;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.opencdp.server.storage.TenantScope;

/**
 * The in-process cache of event sources per tenant and context (processing §14), read by the collector on
 * every request.
 *
 * <ul>
 *   <li>Entries are keyed by (tenant, context, id), so staging and production copies and tenants never mix.
 *       "No such source" is cached too, so unknown ids do not hit MySQL on every request.</li>
 *   <li>A write through {@link EventSourceDao} on this node drops the entry before the write call returns
 *       (read-your-writes); a write on another node drops it when its {@code config-changed} message arrives
 *       ({@link ConfigChangeBus}). {@code cache.configTtl} bounds the age of any entry as a safety net.</li>
 *   <li>While the subscription is down nothing is served from or put into the cache (every lookup reads
 *       MySQL), and a (re)subscription clears it, because messages may have been missed meanwhile.</li>
 *   <li>A lookup that raced with an invalidation does not store what it read: each invalidation bumps a
 *       generation counter, and a loaded value is kept only if the generation did not move while it was
 *       read. Without that, a value read just before a write could be put back just after the write's
 *       invalidation and stay stale until the TTL.</li>
 * </ul>
 */
public final class EventSourceCache implements ConfigChangeBus.Listener {

    static final int MAX_ENTRIES = 50_000;

    private record Key(TenantScope scope, String id) {
    }

    private final BiFunction<TenantScope, String, Optional<EventSource>> loader;
    private final BooleanSupplier subscribed;
    private final Cache<Key, Optional<EventSource>> entries;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong loads = new AtomicLong();

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
        this.subscribed = Objects.requireNonNull(subscribed, "subscribed");
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .build();
    }

    /** The source with this id (trimmed and lower-cased) in the scope, from the cache or from MySQL. */
    public Optional<EventSource> find(TenantScope scope, String id) {
        String normalized = EventSource.normalizeId(id);
        if (normalized == null || normalized.isEmpty()) {
            return Optional.empty();
        }
        Key key = new Key(scope, normalized);
        if (!subscribed.getAsBoolean()) {
            loads.incrementAndGet();
            return loader.apply(scope, normalized);
        }
        Optional<EventSource> cached = entries.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        loads.incrementAndGet();
        Optional<EventSource> loaded = loader.apply(scope, normalized);
        if (subscribed.getAsBoolean() && generation.get() == before) {
            entries.put(key, loaded);
            if (generation.get() != before) {
                // An invalidation slipped in between the check and the put: undo, it may be stale.
                entries.invalidate(key);
            }
        }
        return loaded;
    }

    /** Drops one entry; called for every change of this node and, through Redis, of the others. */
    public void invalidate(TenantScope scope, String id) {
        generation.incrementAndGet();
        entries.invalidate(new Key(scope, EventSource.normalizeId(id)));
    }

    /** Drops every entry. */
    public void invalidateAll() {
        generation.incrementAndGet();
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
        return loads.get();
    }

    @Override
    public String toString() {
        return "EventSourceCache[" + entries.estimatedSize() + " entries]";
    }
}
