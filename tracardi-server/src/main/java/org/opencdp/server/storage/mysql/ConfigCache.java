package org.opencdp.server.storage.mysql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opencdp.server.storage.TenantScope;

/**
 * The in-process cache shared by the configuration caches (processing §14), keyed by (tenant, context, key):
 *
 * <ul>
 *   <li>Absent values are cached too (as whatever the loader returns for "none", e.g. an empty Optional), so
 *       unknown keys do not hit MySQL on every request.</li>
 *   <li>The owner invalidates on every change of its table, on this node synchronously (read-your-writes) and on
 *       the others when their {@code config-changed} message arrives. {@code ttl} bounds the age of any entry.</li>
 *   <li>While {@code subscribed} is false (changes of other nodes may be missed) nothing is served from or put
 *       into the cache: every lookup runs the loader.</li>
 *   <li>A lookup that raced with an invalidation does not store what it read: each invalidation bumps a
 *       generation counter, and a loaded value is kept only if the generation did not move while it was read.
 *       Otherwise a value read just before a write could be put back just after the write's invalidation and
 *       stay stale until the TTL.</li>
 * </ul>
 */
public final class ConfigCache<V> {

    public static final int MAX_ENTRIES = 50_000;

    private record Key(TenantScope scope, String key) {
    }

    private final BooleanSupplier subscribed;
    private final Cache<Key, V> entries;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong loads = new AtomicLong();

    public ConfigCache(BooleanSupplier subscribed, Duration ttl, Ticker ticker) {
        this.subscribed = Objects.requireNonNull(subscribed, "subscribed");
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .build();
    }

    /** The cached value of (scope, key), or the loader's, which is kept when nothing changed meanwhile. */
    public V get(TenantScope scope, String key, Supplier<V> loader) {
        if (!subscribed.getAsBoolean()) {
            loads.incrementAndGet();
            return loader.get();
        }
        Key entry = new Key(scope, key);
        V cached = entries.getIfPresent(entry);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        loads.incrementAndGet();
        V loaded = loader.get();
        if (loaded != null && subscribed.getAsBoolean() && generation.get() == before) {
            entries.put(entry, loaded);
            if (generation.get() != before) {
                // An invalidation slipped in between the check and the put: undo, it may be stale.
                entries.invalidate(entry);
            }
        }
        return loaded;
    }

    /** Drops one entry. */
    public void invalidate(TenantScope scope, String key) {
        generation.incrementAndGet();
        entries.invalidate(new Key(scope, key));
    }

    /** Drops every entry of one tenant and context. */
    public void invalidateScope(TenantScope scope) {
        generation.incrementAndGet();
        entries.asMap().keySet().removeIf(key -> key.scope().equals(scope));
    }

    /** Drops every entry. */
    public void invalidateAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    /** How many lookups ran the loader, for tests and metrics. */
    public long loads() {
        return loads.get();
    }

    public long size() {
        return entries.estimatedSize();
    }
}
