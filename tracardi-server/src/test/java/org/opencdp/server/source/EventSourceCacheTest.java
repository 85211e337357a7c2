package org.opencdp.server.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;

class EventSourceCacheTest {

    private static final TenantScope PROD = TenantScope.production(Tenant.of("acme"));
    private static final TenantScope STAGE = TenantScope.staging(Tenant.of("acme"));

    private final Map<String, EventSource> table = new HashMap<>();
    private final AtomicBoolean subscribed = new AtomicBoolean(true);
    private final AtomicLong nanos = new AtomicLong();
    private int reads;
    private Runnable duringRead = () -> { };

    private final BiFunction<TenantScope, String, Optional<EventSource>> loader = (scope, id) -> {
        reads++;
        Optional<EventSource> value = Optional.ofNullable(table.get(scope + "/" + id));
        duringRead.run();
        return value;
    };
    private final EventSourceCache cache = new EventSourceCache(loader, subscribed::get, Duration.ofSeconds(60), nanos::get);

    private static EventSource source(String id, String name) {
        return new EventSource(id, name, null, List.of("rest"), null, null, "Web", true, false, false, null, null,
                false, false, false, null, null, null, null, null);
    }

    private void put(TenantScope scope, EventSource source) {
        table.put(scope + "/" + source.id(), source);
    }

    @Test
    void hitsAndMissesAreCachedPerScopeAndId() {
        put(PROD, source("web", "prod"));
        put(STAGE, source("web", "stage"));
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("prod");
        assertThat(cache.find(PROD, " WEB ").orElseThrow().name()).isEqualTo("prod");
        assertThat(cache.find(STAGE, "web").orElseThrow().name()).isEqualTo("stage");
        assertThat(cache.find(PROD, "missing")).isEmpty();
        assertThat(cache.find(PROD, "missing")).isEmpty();
        assertThat(reads).isEqualTo(3);
    }

    @Test
    void aChangeDropsOnlyItsEntry() {
        put(PROD, source("web", "v1"));
        put(STAGE, source("web", "stage"));
        cache.find(PROD, "web");
        cache.find(STAGE, "web");
        put(PROD, source("web", "v2"));
        cache.changed(new ConfigChange(PROD, EventSourceDao.TABLE, "web", 1, "n"));
        cache.changed(new ConfigChange(PROD, "workflow", "web", 2, "n"));
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("v2");
        assertThat(cache.find(STAGE, "web").orElseThrow().name()).isEqualTo("stage");
        assertThat(reads).isEqualTo(3);
    }

    @Test
    void entriesExpireAfterTheTtl() {
        put(PROD, source("web", "v1"));
        cache.find(PROD, "web");
        put(PROD, source("web", "v2"));
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("v1");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("v2");
    }

    @Test
    void withoutSubscriptionEveryLookupReadsTheTableAndResubscribingClears() {
        put(PROD, source("web", "v1"));
        cache.find(PROD, "web");
        subscribed.set(false);
        put(PROD, source("web", "v2"));
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("v2");
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("v2");
        assertThat(reads).isEqualTo(3);
        cache.resynchronize();
        subscribed.set(true);
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("v2");
        assertThat(reads).isEqualTo(4);
    }

    @Test
    void aValueReadBeforeAnInvalidationIsNotKept() {
        put(PROD, source("web", "v1"));
        // The write and its invalidation land while the lookup is reading the old row.
        duringRead = () -> {
            duringRead = () -> { };
            put(PROD, source("web", "v2"));
            cache.invalidate(PROD, "web");
        };
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("v1");
        assertThat(cache.find(PROD, "web").orElseThrow().name()).isEqualTo("v2");
        assertThat(reads).isEqualTo(2);
    }
}
