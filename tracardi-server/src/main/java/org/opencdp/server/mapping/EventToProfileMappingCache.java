package org.opencdp.server.mapping;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.opencdp.server.source.ConfigChange;
import org.opencdp.server.source.ConfigChangeBus;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.ConfigCache;

/**
 * The in-process cache of the enabled custom mappings per tenant, context and event type (processing §14), read
 * by the worker for every event. The design is that of {@code EventSourceCache}:
 *
 * <ul>
 *   <li>Entries are keyed by (tenant, context, event type); "no mapping for this type" is cached too, so types
 *       without mappings do not hit MySQL for every event.</li>
 *   <li>A write through {@link EventToProfileMappingDao} on this node invalidates before the write call returns
 *       (read-your-writes); a write on another node when its {@code config-changed} message arrives
 *       ({@link ConfigChangeBus}). A change names the mapping's id, not its event type (which the write may have
 *       changed), so it drops every entry of the change's tenant and context. {@code cache.configTtl} bounds the
 *       age of any entry as a safety net.</li>
 *   <li>While the subscription is down nothing is served from or put into the cache, and a (re)subscription
 *       clears it; a lookup that raced with an invalidation does not store what it read ({@link ConfigCache}).</li>
 * </ul>
 */
public final class EventToProfileMappingCache implements ConfigChangeBus.Listener {

    private final BiFunction<TenantScope, String, List<EventToProfileMapping>> loader;
    private final ConfigCache<List<EventToProfileMapping>> entries;

    /** A cache kept in step with the other nodes by {@code bus}; registers itself as the bus's listener. */
    public EventToProfileMappingCache(EventToProfileMappingDao dao, ConfigChangeBus bus, Duration ttl) {
        this(dao::enabledFor, bus::subscribed, ttl, Ticker.systemTicker());
        bus.addListener(this);
    }

    /** A cache over any loader, for tests: {@code subscribed} says whether changes made elsewhere are heard. */
    EventToProfileMappingCache(BiFunction<TenantScope, String, List<EventToProfileMapping>> loader,
                               BooleanSupplier subscribed, Duration ttl, Ticker ticker) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.entries = new ConfigCache<>(subscribed, ttl, ticker);
    }

    /**
     * The enabled mappings of an event type in the scope, in id order, from the cache or from MySQL.
     *
     * @throws MappingsUnavailableException when they are not cached and MySQL cannot be reached
     */
    public List<EventToProfileMapping> forEventType(TenantScope scope, String eventType) {
        String type = EventToProfileMapping.normalizeEventType(eventType);
        if (type == null) {
            return List.of();
        }
        return entries.get(scope, type, () -> List.copyOf(loader.apply(scope, type)));
    }

    /** Drops every entry of one tenant and context. */
    public void invalidate(TenantScope scope) {
        entries.invalidateScope(scope);
    }

    /** Drops every entry. */
    public void invalidateAll() {
        entries.invalidateAll();
    }

    @Override
    public void changed(ConfigChange change) {
        if (EventToProfileMappingDao.TABLE.equals(change.table())) {
            invalidate(change.scope());
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
        return "EventToProfileMappingCache[" + entries.size() + " entries]";
    }
}
