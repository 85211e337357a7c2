package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.opencdp.server.storage.elastic.Partitioning;

/** Index partitioning per kind and data retention. */
public class StorageConfig {
    @JsonProperty @Valid @NotNull
    private PartitioningConfig partitioning = new PartitioningConfig();
    /** Tracardi's {@code PROFILE_PARTITIONING}: accepted, warned about, no effect (profiles are never partitioned). */
    @JsonProperty
    private String ignoredProfilePartitioning = "";
    @JsonProperty @Valid @NotNull
    private Retention retention = new Retention();

    public PartitioningConfig partitioning() { return partitioning; }
    public String ignoredProfilePartitioning() { return ignoredProfilePartitioning; }
    public Retention retention() { return retention; }

    /** Partition granularity of each time-partitioned kind. */
    public static class PartitioningConfig {
        @JsonProperty @NotNull private Partitioning event = Partitioning.MONTH;
        @JsonProperty @NotNull private Partitioning session = Partitioning.MONTH;
        @JsonProperty @NotNull private Partitioning log = Partitioning.MONTH;
        @JsonProperty @NotNull private Partitioning fieldChangeLog = Partitioning.MONTH;
        @JsonProperty @NotNull private Partitioning entity = Partitioning.QUARTER;
        @JsonProperty @NotNull private Partitioning dispatchLog = Partitioning.MONTH;

        public Partitioning event() { return event; }
        public Partitioning session() { return session; }
        public Partitioning log() { return log; }
        public Partitioning fieldChangeLog() { return fieldChangeLog; }
        public Partitioning entity() { return entity; }
        public Partitioning dispatchLog() { return dispatchLog; }
    }

    /** How long data is kept; zero keeps it forever. */
    public static class Retention {
        @JsonProperty @NotNull private Duration events = Duration.ZERO;
        @JsonProperty @NotNull private Duration sessions = Duration.ZERO;
        @JsonProperty @NotNull private Duration failedEvents = Duration.ofDays(30);
        @JsonProperty @NotNull private Duration logs = Duration.ofDays(90);

        public Duration events() { return events; }
        public Duration sessions() { return sessions; }
        public Duration failedEvents() { return failedEvents; }
        public Duration logs() { return logs; }
    }
}
