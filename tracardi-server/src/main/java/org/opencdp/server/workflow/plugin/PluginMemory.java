package org.opencdp.server.workflow.plugin;

import java.util.Optional;

/**
 * Small key-value memory that survives between flow runs (workflows §3.2 "Redis key-value memory"): the last
 * value of Value threshold, If with {@code trigger_once} and {@code run_once}. Keys are given without the
 * tenant prefix; the implementation scopes them.
 */
public interface PluginMemory {

    Optional<String> get(String key);

    /** Stores the value; {@code ttlSeconds <= 0} means no expiry. */
    void put(String key, String value, long ttlSeconds);

    /** A memory for servers without one configured: every call fails with a clear message. */
    static PluginMemory unavailable() {
        return new PluginMemory() {
            @Override
            public Optional<String> get(String key) {
                throw new IllegalStateException("Plugin memory (Redis) is not available on this server.");
            }

            @Override
            public void put(String key, String value, long ttlSeconds) {
                throw new IllegalStateException("Plugin memory (Redis) is not available on this server.");
            }
        };
    }
}
