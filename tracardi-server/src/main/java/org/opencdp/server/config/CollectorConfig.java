package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** The public collection endpoints: debug output, limits, back-pressure and the tracker script folder. */
public class CollectorConfig {
    @JsonProperty
    private boolean trackDebug = false;
    @JsonProperty
    private boolean sourceCheck = true;
    @JsonProperty
    private String clientIpHeader = "";
    @JsonProperty @Valid @NotNull
    private Bots bots = new Bots();
    @JsonProperty
    private boolean errorsInResponse = true;
    @JsonProperty @NotNull
    private Duration awaitTimeout = Duration.ofSeconds(5);
    @JsonProperty @NotNull
    private ByteSize maxBodyBytes = ByteSize.ofMebibytes(2);
    @JsonProperty @Min(1)
    private int maxEventsPerRequest = 1000;
    @JsonProperty @NotNull
    private Duration maxBackdate = Duration.ofDays(30);
    @JsonProperty
    private boolean returnFullProfile = false;
    @JsonProperty @Valid @NotNull
    private Tracker tracker = new Tracker();
    @JsonProperty @Valid @NotNull
    private Backpressure backpressure = new Backpressure();
    @JsonProperty
    private boolean benchmarkEndpoint = false;

    public boolean trackDebug() { return trackDebug; }
    public boolean sourceCheck() { return sourceCheck; }
    public String clientIpHeader() { return clientIpHeader; }
    public Bots bots() { return bots; }
    public boolean errorsInResponse() { return errorsInResponse; }
    public Duration awaitTimeout() { return awaitTimeout; }
    public ByteSize maxBodyBytes() { return maxBodyBytes; }
    public int maxEventsPerRequest() { return maxEventsPerRequest; }
    public Duration maxBackdate() { return maxBackdate; }
    public boolean returnFullProfile() { return returnFullProfile; }
    public Tracker tracker() { return tracker; }
    public Backpressure backpressure() { return backpressure; }
    /** Serve {@code POST /bench/noop} (the benchmark's parse-only ceiling); never on in production. */
    public boolean benchmarkEndpoint() { return benchmarkEndpoint; }

    /** Bot traffic handling. */
    public static class Bots {
        @JsonProperty
        private boolean reject = true;

        public boolean reject() { return reject; }
    }

    /** Where the operator puts the tracardi-js bundle served under {@code /tracker/}. */
    public static class Tracker {
        @JsonProperty @NotNull
        private String directory = "./tracker";

        public String directory() { return directory; }
    }

    /** Thresholds past which the collector answers 503 instead of queueing more. */
    public static class Backpressure {
        @JsonProperty @Min(1)
        private long maxBacklog = 200_000;
        @JsonProperty @Min(1)
        private int maxInFlight = 2000;
        @JsonProperty @Min(1)
        private int producerMaxPending = 10_000;

        public long maxBacklog() { return maxBacklog; }
        public int maxInFlight() { return maxInFlight; }
        public int producerMaxPending() { return producerMaxPending; }
    }
}
