package org.opencdp.server.workflow.plugin;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link PluginMemory} in the JVM: for {@code /flow/debug} runs, which must not touch Redis, and for tests. */
public final class InMemoryPluginMemory implements PluginMemory {

    private record Entry(String value, Instant expires) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryPluginMemory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expires() != null && !clock.instant().isBefore(entry.expires())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    @Override
    public void put(String key, String value, long ttlSeconds) {
        entries.put(key, new Entry(value, ttlSeconds > 0 ? clock.instant().plusSeconds(ttlSeconds) : null));
    }
}
