package org.opencdp.server.storage.elastic;

import java.util.Optional;
import java.util.function.Function;
import org.opencdp.server.config.StorageConfig.PartitioningConfig;

/**
 * The kinds of document kept in Elasticsearch, with the mapping version each is currently at. Bumping a
 * version is a breaking mapping change and moves the kind to new physical indices (operations §6.2).
 */
public enum IndexKind {
    PROFILE("profile", 1, null, false, "1s"),
    SESSION("session", 1, PartitioningConfig::session, false, "1s"),
    EVENT("event", 1, PartitioningConfig::event, false, "5s"),
    LOG("log", 1, PartitioningConfig::log, false, "5s"),
    FIELD_CHANGE("field-change", 1, PartitioningConfig::fieldChangeLog, true, "5s"),
    FAILED_EVENT("failed-event", 1, PartitioningConfig::event, true, "1s"),
    DISPATCH_LOG("dispatch-log", 1, PartitioningConfig::dispatchLog, true, "5s");

    private final String label;
    private final int mappingVersion;
    private final Function<PartitioningConfig, Partitioning> partitioning;
    private final boolean small;
    private final String refreshInterval;

    IndexKind(String label, int mappingVersion, Function<PartitioningConfig, Partitioning> partitioning,
              boolean small, String refreshInterval) {
        this.label = label;
        this.mappingVersion = mappingVersion;
        this.partitioning = partitioning;
        this.small = small;
        this.refreshInterval = refreshInterval;
    }

    public String label() { return label; }
    public int mappingVersion() { return mappingVersion; }
    /** Small kinds use {@code elastic.smallIndexShards}. */
    public boolean small() { return small; }
    public String refreshInterval() { return refreshInterval; }

    /** The kind's partitioning, or empty for kinds kept in one index (profiles, D8). */
    public Optional<Partitioning> partitioning(PartitioningConfig config) {
        return partitioning == null ? Optional.empty() : Optional.of(partitioning.apply(config));
    }

    /** Classpath location of the kind's mapping in the migrations module. */
    public String mappingResource() {
        return "elastic/mappings/" + label + ".json";
    }
}
