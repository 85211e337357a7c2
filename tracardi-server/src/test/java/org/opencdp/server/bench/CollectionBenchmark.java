package org.opencdp.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.opencdp.server.storage.elastic.ElasticStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * The collection benchmark (see {@code tracardi-server/benchmarks/RESULTS.md}): starts the all-in-one role
 * in this JVM on a fresh namespace of the local stack, then measures, each phase bounded in time,
 * <ul>
 *   <li>the no-op ceiling ({@code POST /bench/noop}: read and parse the body, nothing else),</li>
 *   <li>{@code PUT /track} (closed loop) and the events it gets stored in Elasticsearch end to end,</li>
 *   <li>{@code POST /track} (closed loop, and at a fixed rate for the latency target),</li>
 *   <li>the raw {@code _bulk} ceiling: the same event documents, taken back from Elasticsearch, bulk-indexed
 *       into a scratch index of the same mapping and settings with the application's client settings,</li>
 * </ul>
 * with 1, 10 and 150 events per request, and prints the figures and their ratios. Run it with {@code bin/bench}
 * (working directory: {@code tracardi-server}). Settings come from the environment, see {@link Settings}.
 */
public final class CollectionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PAYLOAD_TYPES = List.of("page-view", "purchase-order");
    private static final String DEFERRED_MARK = "Processing deferred";
    private static final String ALL_PHASES = "noop,post-rate,post,bulk,put-alone,put";
    /** POST's wait for the worker: generous, so that a slow answer is measured rather than turned into a deferred one. */
    private static final Duration AWAIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = AWAIT_TIMEOUT.plusSeconds(15);
    /** Load per request kind and size in one warm-up round. */
    private static final Duration WARM_UP_SLICE = Duration.ofSeconds(1);
    /** The longest wait for the worker to work off what a phase with the worker paused left queued. */
    private static final long MAX_WORK_OFF_SECONDS = 240;
    /** Compilation time per wall time under which the JIT counts as settled (50 ms per second). */
    private static final double JIT_SETTLED = 0.05;

    /** Every knob, from the environment, with the defaults {@code bin/bench} runs. */
    record Settings(int phaseSeconds, int warmupSeconds, int concurrency, int rate, int rateEvents, int drainSeconds,
                    int bulkConcurrency, int bulkDocs, int visitorsWindow, int requestsPerVisitor, String results,
                    String command, long deadlineEpochSeconds, List<String> phases, int[] sizes) {

        /** Whether a group of phases ({@code BENCH_PHASES}: noop, post-rate, post, bulk, put-alone, put) runs. */
        boolean runs(String phase) {
            return phases.contains(phase);
        }

        static Settings fromEnvironment() {
            return new Settings(integer("BENCH_PHASE_SECONDS", 8), integer("BENCH_WARMUP_SECONDS", 90),
                    integer("BENCH_CONCURRENCY", 32), integer("BENCH_RATE", 200), integer("BENCH_RATE_EVENTS", 10),
                    integer("BENCH_DRAIN_SECONDS", 15), integer("BENCH_BULK_CONCURRENCY", 4),
                    integer("BENCH_BULK_DOCS", 1000), integer("BENCH_VISITORS", 100), integer("BENCH_REQUESTS_PER_VISITOR", 5),
                    env("BENCH_RESULTS", "benchmarks/RESULTS.md"), env("BENCH_COMMAND", "bin/bench"),
                    Long.parseLong(env("BENCH_DEADLINE", "0")),
                    List.of(env("BENCH_PHASES", ALL_PHASES).replace(" ", "").split(",")),
                    java.util.Arrays.stream(env("BENCH_SIZES", "1,10,150").replace(" ", "").split(","))
                            .mapToInt(Integer::parseInt).toArray());
        }

        @Override
        public String toString() {
            return "Settings[phaseSeconds=" + phaseSeconds + ", warmupSeconds=" + warmupSeconds + ", concurrency=" + concurrency
                    + ", rate=" + rate + ", rateEvents=" + rateEvents + ", drainSeconds=" + drainSeconds + ", bulkConcurrency="
                    + bulkConcurrency + ", bulkDocs=" + bulkDocs + ", visitorsWindow=" + visitorsWindow + ", requestsPerVisitor="
                    + requestsPerVisitor + ", phases=" + phases + ", sizes=" + java.util.Arrays.toString(sizes) + "]";
        }

        private static int integer(String name, int fallback) {
            return BenchEnv.integer(name, fallback);
        }

        private static String env(String name, String fallback) {
            return BenchEnv.string(name, fallback);
        }
    }

    /** One measured phase of HTTP load. */
    record Phase(String name, String method, String path, int events, String shape, long ok, long other, int lastOther,
                 long failed, long deferred, long skipped, double seconds, double p50, double p99, double max,
                 double machineCpu, double ownCpu, Map<String, Double> backendCpu, double jitShare, String lastError) {

        double requestsPerSecond() { return ok / seconds; }
        double eventsPerSecond() { return ok * (double) events / seconds; }
        /** Events per CPU-second of this JVM (server, worker and load generator): less sensitive to the CPU share it got. */
        double eventsPerCpuSecond() { return eventsPerSecond() / (ownCpu / 100 * Runtime.getRuntime().availableProcessors()); }
    }

    /**
     * Events stored after one PUT phase. {@code concurrent}: the worker ran during the load, and the figure counts index
     * operations on the event indices from the phase start until they stopped. Otherwise the worker was paused during
     * the load (the collector alone) and the figure counts them from its resumption until they stopped: the worker
     * alone, on a backlog, as the raw-bulk ceiling is measured alone.
     */
    record EndToEnd(int events, boolean concurrent, long acceptedEvents, long indexed, long indexedDuringLoad,
                    double loadSeconds, double seconds, boolean drained, long backlogAtLoadEnd, long leftBatches, String cpu,
                    double docsPerBulk) {

        double docsPerSecond() { return indexed / seconds; }
        double duringLoadPerSecond() { return concurrent ? indexedDuringLoad / loadSeconds : Double.NaN; }
    }

    /** The raw bulk ceiling. */
    record Bulk(long docs, long rejected, double seconds, int sourceDocs, long bytes, double machineCpu,
                Map<String, Double> backendCpu) {
        double docsPerSecond() { return docs / seconds; }
    }

    private final Settings settings;
    private final PrintStream out;
    private final BenchStack stack;
    private final Cpu cpu = new Cpu();
    private long acceptedPayloadEvents;
    private int drainSeconds;
    private final List<String> notes = new ArrayList<>();

    private CollectionBenchmark(Settings settings, PrintStream out, Namespace namespace) {
        this.settings = settings;
        this.out = out;
        this.stack = new BenchStack(namespace, out);
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        PrintStream console = BenchStack.logsToFile();
        int status = 1;
        CollectionBenchmark benchmark = new CollectionBenchmark(settings, console, TestStack.newNamespace("bench"));
        // Stopped by the time budget (SIGTERM from bin/bench's timeout): stop the role before the namespace
        // clean-up, or its worker would re-create the indices the clean-up deletes.
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark.stack::stop, "bench-stop"));
        try {
            benchmark.run();
            status = 0;
        } catch (Throwable e) {
            console.println("benchmark failed: " + e);
            e.printStackTrace(console);
        } finally {
            benchmark.stack.stop();
            console.flush();
            // Pulsar and Elasticsearch clients leave non-daemon threads; the shutdown hook deletes the indices.
            System.exit(status);
        }
    }

    private void run() throws Exception {
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadStart = Cpu.loadAverage();
        out.printf(Locale.ROOT, "collection benchmark: %s, %d cores, load average %s, namespace %s%n", date,
                Runtime.getRuntime().availableProcessors(), loadStart, stack.namespace().name());
        out.printf(Locale.ROOT, "settings: %s%n", settings);
        long t0 = System.nanoTime();
        stack.start(List.of(ConfigOverride.config("collector.benchmarkEndpoint", "true"),
                // POST waits for the worker; under a saturating closed loop that takes longer than the 5 s default.
                ConfigOverride.config("collector.awaitTimeout", AWAIT_TIMEOUT.toSeconds() + "s")));
        out.printf(Locale.ROOT, "all-in-one role up on port %d in %.1f s%n", port(), (System.nanoTime() - t0) / 1e9);
        fitDrainsToDeadline(true);
        List<Phase> phases = new ArrayList<>();
        List<EndToEnd> endToEnd = new ArrayList<>();
        Bulk bulk = null;
        warmUp();
        fitDrainsToDeadline(false);
        // Each no-op ceiling is measured right before the PUT phase it is compared with, when both run: on a shared
        // machine the load other work puts on it changes within minutes, and a ratio of two phases minutes apart
        // measures that change as much as the server.
        boolean pairedNoop = settings.runs("noop") && settings.runs("put-alone");
        for (int events : settings.runs("noop") && !pairedNoop ? settings.sizes() : new int[0]) {
            noop(phases, events);
        }
        // The latency target first, while nothing is queued.
        if (settings.runs("post-rate") && timeFor("POST at a fixed rate")) {
            phases.add(fixedRate());
            waitForWorker("the fixed-rate POST phase");
        }
        // POST answers once its batch is processed, so it leaves no backlog unless answers time out.
        for (int events : settings.runs("post") ? settings.sizes() : new int[0]) {
            if (timeFor("POST, " + events + " events")) {
                phases.add(closed("post", "POST", "/track", events));
                waitForWorker("POST /track with " + events + " events");
            }
        }
        // While the worker is idle: the ceiling, on documents the earlier phases stored.
        if (settings.runs("bulk") && timeFor("raw _bulk")) {
            bulk = new RawBulkCeiling(stack, settings, cpu, out).measure();
        }
        // PUT with the worker paused: the collector alone (like the no-op ceiling), then the worker alone on the backlog
        // it left (like the raw-bulk ceiling).
        for (int events : settings.runs("put-alone") ? settings.sizes() : new int[0]) {
            if (pairedNoop) {
                noop(phases, events);
            }
            if (timeFor("PUT with the worker paused, " + events + " events")) {
                stack.pauseWorker();
                Phase put;
                try {
                    put = closed("put-alone", "PUT", "/track", events);
                } finally {
                    stack.resumeWorker();
                }
                phases.add(put);
                endToEnd.add(drainAlone(put));
            }
        }
        // PUT with the worker running: each leaves a backlog that the worker drains (end to end); the last drain may
        // use what is left of the time budget.
        int[] putSizes = settings.runs("put") ? settings.sizes() : new int[0];
        for (int events : putSizes) {
            if (timeFor("PUT, " + events + " events")) {
                long before = indexTotal();
                long bulksBefore = stack.bulkRequests();
                Phase put = closed("put", "PUT", "/track", events);
                phases.add(put);
                endToEnd.add(drain(put, before, bulksBefore, events == putSizes[putSizes.length - 1]));
            }
        }
        String check = storedCheck();
        String loadEnd = Cpu.loadAverage();
        String report = new CollectionReport(settings, notes).report(date, loadStart, loadEnd, phases, endToEnd, bulk, check);
        out.println();
        out.println(report);
        writeResults(report);
    }

    /** The no-op ceiling with {@code events} per request, if it still fits the time budget. */
    private void noop(List<Phase> phases, int events) throws Exception {
        if (timeFor("no-op, " + events + " events")) {
            phases.add(closed("noop", "POST", "/bench/noop", events));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The application
    // ---------------------------------------------------------------------------------------------

    private int port() {
        return stack.port();
    }

    private URI uri(String path) {
        return stack.uri(path);
    }

    /**
     * Every path and size at the measured concurrency, round after round (each followed by the worker's drain), until
     * the JIT settles or {@code BENCH_WARMUP_SECONDS} have passed. On two cores a JVM that is still compiling gives the
     * JIT much of its CPU (its compiler threads used more than the worker in a 10 s warm-up), so phases measured
     * early would rate a JVM still starting, not the server; the JIT's share of each phase is in the results.
     */
    private void warmUp() throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(settings.warmupSeconds()).toNanos();
        String[][] calls = {{"POST", "/bench/noop"}, {"PUT", "/track"}, {"POST", "/track"}};
        int rounds = 0;
        double jitShare;
        try (LoadGenerator load = new LoadGenerator(REQUEST_TIMEOUT)) {
            do {
                rounds++;
                Cpu.Mark mark = cpu.mark();
                for (String[] call : calls) {
                    for (int events : settings.sizes()) {
                        LoadGenerator.Outcome outcome = load.closedLoop(calls(call[0], call[1], events), settings.concurrency(),
                                WARM_UP_SLICE, null);
                        if (call[1].equals("/track")) {
                            acceptedPayloadEvents += outcome.ok.get() * events;
                        }
                        if (outcome.ok.get() == 0) {
                            throw new IllegalStateException("warm-up: no 200 from " + call[0] + " " + call[1] + " (status "
                                    + outcome.lastOtherStatus.get() + ", " + outcome.lastError + ")");
                        }
                    }
                }
                // The worker compiles while it drains the round's batches: that belongs to the warm-up too.
                waitForWorker("warm-up round " + rounds);
                jitShare = mark.jitShare();
                out.printf(Locale.ROOT, "warm-up round %d: the JIT compiled %.0f ms per second%n", rounds, jitShare * 1000);
            } while (jitShare > JIT_SETTLED && System.nanoTime() < deadline);
        }
        String settled = jitShare <= JIT_SETTLED ? "until the JIT settled" : "and the JIT had not settled yet";
        String line = String.format(Locale.ROOT, "Warm-up: %d rounds of every request and size in %.0f s, %s (%.0f ms of "
                + "compilation per second in the last round).", rounds, (System.nanoTime() - start) / 1e9, settled, jitShare * 1000);
        out.println(line);
        notes.add(line);
    }

    private Phase closed(String name, String method, String path, int events) throws Exception {
        Cpu.Mark mark = cpu.mark();
        LoadGenerator.Check check = path.equals("/track") && method.equals("POST") ? body -> body.contains(DEFERRED_MARK) : null;
        LoadGenerator.Outcome outcome;
        // A fresh client (and connection pool) per phase: connections the server closed while idle are never reused.
        try (LoadGenerator load = new LoadGenerator(REQUEST_TIMEOUT)) {
            outcome = load.closedLoop(calls(method, path, events), settings.concurrency(),
                    Duration.ofSeconds(settings.phaseSeconds()), check);
        }
        String shape = "closed loop, " + settings.concurrency() + " in flight" + (name.equals("put-alone") ? ", worker paused" : "");
        Phase phase = phase(name, method, path, events, shape, outcome, mark);
        if (path.equals("/track")) {
            acceptedPayloadEvents += outcome.ok.get() * events;
        }
        progress(phase);
        return phase;
    }

    private Phase fixedRate() throws Exception {
        Cpu.Mark mark = cpu.mark();
        int events = settings.rateEvents();
        LoadGenerator.Outcome outcome;
        try (LoadGenerator load = new LoadGenerator(REQUEST_TIMEOUT)) {
            outcome = load.fixedRate(calls("POST", "/track", events), settings.rate(),
                    Duration.ofSeconds(settings.phaseSeconds()), 512, body -> body.contains(DEFERRED_MARK));
        }
        acceptedPayloadEvents += outcome.ok.get() * events;
        Phase phase = phase("post-rate", "POST", "/track", events, "fixed rate, " + settings.rate() + " req/s", outcome, mark);
        progress(phase);
        return phase;
    }

    private Phase phase(String name, String method, String path, int events, String shape, LoadGenerator.Outcome outcome,
                        Cpu.Mark mark) {
        long[] latencies = outcome.sortedLatencies();
        return new Phase(name, method, path, events, shape, outcome.ok.get(), outcome.otherStatus.get(),
                outcome.lastOtherStatus.get(), outcome.failed.get(), outcome.deferred.get(), outcome.skipped.get(),
                outcome.elapsedSeconds(), percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6, mark.machine(), mark.own(),
                mark.backends(), mark.jitShare(), outcome.lastError);
    }

    private void progress(Phase phase) {
        out.printf(Locale.ROOT, "%-9s %-4s %-11s %3d ev  %8.0f req/s %9.0f ev/s  p50 %7.1f ms  p99 %7.1f ms  "
                        + "(200: %d, other: %d%s, failed: %d%s, deferred: %d, skipped: %d; cpu machine %.0f%%, this JVM %.0f%%)%n",
                phase.name(), phase.method(), phase.path(), phase.events(), phase.requestsPerSecond(), phase.eventsPerSecond(),
                phase.p50(), phase.p99(), phase.ok(), phase.other(), phase.other() > 0 ? " (last " + phase.lastOther() + ")" : "",
                phase.failed(), phase.failed() > 0 ? " (" + phase.lastError() + ")" : "", phase.deferred(), phase.skipped(),
                phase.machineCpu(), phase.ownCpu());
        out.println("          backends' CPU: " + Cpu.format(phase.backendCpu()));
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    // ---------------------------------------------------------------------------------------------
    // Payloads: the tracker's capture, N events, many visitors
    // ---------------------------------------------------------------------------------------------

    /** Requests of one phase: the captured tracker body with {@code events} events (see {@link TrackPayload}). */
    private Supplier<LoadGenerator.Call> calls(String method, String path, int events) {
        return TrackPayload.of(events).calls(method, uri(path), settings.visitorsWindow(), settings.requestsPerVisitor());
    }

    // ---------------------------------------------------------------------------------------------
    // End to end: event documents indexed in Elasticsearch
    // ---------------------------------------------------------------------------------------------

    private String eventIndices() {
        return stack.eventIndices();
    }

    private long indexTotal() throws Exception {
        return stack.indexTotal();
    }

    /**
     * After a PUT phase: polls until the worker's subscription has no backlog and the event indices stopped
     * growing, at most {@code drainSeconds} (the last phase: whatever the time budget leaves); the end-to-end
     * rate is what was indexed from the start of the phase until the last growth. A backlog left at the bound
     * is reported and carries over into the next phase.
     */
    private EndToEnd drain(Phase put, long before, long bulksBefore, boolean last) throws Exception {
        long accepted = put.ok() * put.events();
        long loadEndNanos = System.nanoTime();
        long startNanos = loadEndNanos - (long) (put.seconds() * 1e9);
        long atLoadEnd = indexTotal() - before;
        long backlogAtLoadEnd = backlog();
        long bound = last && settings.deadlineEpochSeconds() > 0 ? Math.max(drainSeconds, secondsLeft()) : drainSeconds;
        bound = Math.max(1, Math.min(bound, secondsLeft()));
        Indexing indexing = untilIndexingStops(before, atLoadEnd, loadEndNanos, loadEndNanos + Duration.ofSeconds(bound).toNanos());
        long indexedSoFar = indexing.indexed();
        long lastGrowth = indexing.lastGrowthNanos();
        boolean drained = indexing.drained();
        long left = drained ? 0 : backlog();
        EndToEnd result = new EndToEnd(put.events(), true, accepted, indexedSoFar, atLoadEnd, put.seconds(),
                (lastGrowth - startNanos) / 1e9, drained, backlogAtLoadEnd, left, "", perBulk(indexedSoFar, bulksBefore));
        out.printf(Locale.ROOT, "  stored   PUT %3d ev: %d docs indexed in %.1f s = %.0f docs/s end to end (%.0f docs/s during "
                        + "the load; %.0f per _bulk request; %d payload events accepted, %d batches queued at the end of the load%s)%n",
                put.events(), result.indexed(), result.seconds(), result.docsPerSecond(), result.duringLoadPerSecond(),
                result.docsPerBulk(), accepted,
                backlogAtLoadEnd, drained ? "" : "; NOT drained within " + bound + " s, " + left + " batches left");
        if (!drained && !last) {
            long still = workOff();
            notes.add("PUT " + put.events() + " events: " + left + " batches were still queued after the " + bound
                    + " s drain bound (the figure is the worker's rate until then); "
                    + (still == 0 ? "they were worked off before the next phase." : still + " were still queued when the next phase started."));
        } else if (!drained) {
            notes.add("PUT " + put.events() + " events: " + left + " batches were still queued after the " + bound
                    + " s drain bound (the figure is the worker's rate until then).");
        }
        return result;
    }

    /**
     * After a PUT phase with the worker paused (and just resumed): what the worker alone indexes from its resumption
     * until indexing stops, polled as in {@link #drain}, within the drain bound; whatever is left then is worked
     * off, unmeasured, before the next phase.
     */
    private EndToEnd drainAlone(Phase put) throws Exception {
        long accepted = put.ok() * put.events();
        Cpu.Mark mark = cpu.mark();
        long resumed = System.nanoTime();
        long before = indexTotal();
        long bulksBefore = stack.bulkRequests();
        long writesBefore = stack.profileAndSessionWrites();
        long redisBefore = stack.redisRoundTrips();
        long backlogAtLoadEnd = backlog();
        long bound = Math.max(1, Math.min(drainSeconds, secondsLeft()));
        Indexing indexing = untilIndexingStops(before, 0, resumed, resumed + Duration.ofSeconds(bound).toNanos());
        long indexedSoFar = indexing.indexed();
        long lastGrowth = indexing.lastGrowthNanos();
        boolean drained = indexing.drained();
        long left = drained ? 0 : backlog();
        String usage = String.format(Locale.ROOT, "%.0f%% / %.0f%% / %s", mark.machine(), mark.own(), Cpu.format(mark.backends()));
        EndToEnd result = new EndToEnd(put.events(), false, accepted, indexedSoFar, 0, put.seconds(),
                Math.max(0.25, (lastGrowth - resumed) / 1e9), drained, backlogAtLoadEnd, left, usage,
                perBulk(indexedSoFar, bulksBefore));
        out.printf(Locale.ROOT, "  stored   PUT %3d ev, worker alone on the backlog: %d docs indexed in %.1f s = %.0f docs/s "
                        + "(%.0f per _bulk request; %d payload events accepted, %d batches queued when the worker resumed; "
                        + "CPU machine / this JVM / ES, Pulsar, Redis, MariaDB %s%s)%n", put.events(),
                result.indexed(), result.seconds(), result.docsPerSecond(), result.docsPerBulk(), accepted, backlogAtLoadEnd, usage,
                drained ? "" : "; " + left + " batches left after " + bound + " s, worked off before the next phase");
        long batches = backlogAtLoadEnd - left;
        if (batches > 0) {
            double perBatch = (double) (stack.profileAndSessionWrites() - writesBefore) / batches;
            double redisPerBatch = (double) (stack.redisRoundTrips() - redisBefore) / batches;
            out.printf(Locale.ROOT, "           profile and session writes per batch: %.2f; Redis round trips per batch: %.2f%n",
                    perBatch, redisPerBatch);
            notes.add(String.format(Locale.ROOT, "PUT %d events, worker alone on the backlog: %.2f profile and session writes "
                    + "per batch (2 when each batch writes its own; a visitor's queued batches write them once), %.2f Redis "
                    + "round trips per batch (requests Redis read, whatever else ran meanwhile included).", put.events(),
                    perBatch, redisPerBatch));
        }
        if (!drained) {
            long still = workOff();
            if (still > 0) {
                notes.add(still + " batches of PUT " + put.events() + " events (worker paused) were still queued when the "
                        + "next phase started; that phase's figures include their processing.");
            }
        }
        return result;
    }

    /**
     * Waits, unmeasured, for the worker to work off what a phase left queued, and returns what is still queued: a
     * backlog carried over would be counted by the next phase's end-to-end figure, and would compete with the collector
     * in a phase meant to measure it alone.
     */
    private long workOff() throws Exception {
        settle(Duration.ofSeconds(Math.max(drainSeconds, Math.min(MAX_WORK_OFF_SECONDS, secondsLeft() / 3))));
        return backlog();
    }

    /** Event documents indexed per shard-level {@code _bulk} request since {@code bulksBefore}; NaN when none. */
    private double perBulk(long indexed, long bulksBefore) throws Exception {
        long requests = stack.bulkRequests() - bulksBefore;
        return requests <= 0 ? Double.NaN : (double) indexed / requests;
    }

    /** How far indexing went: documents since the start, when they last grew, and whether the worker had drained. */
    private record Indexing(long indexed, long lastGrowthNanos, boolean drained) {
    }

    /**
     * Polls the event indices' index operations (since {@code before}) until they stop growing for a second with the
     * worker's backlog empty (drained), or until {@code deadline}.
     */
    private Indexing untilIndexingStops(long before, long indexedSoFar, long sinceNanos, long deadline) throws Exception {
        long lastGrowth = sinceNanos;
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            long now = System.nanoTime();
            long indexed = indexTotal() - before;
            if (indexed > indexedSoFar) {
                indexedSoFar = indexed;
                lastGrowth = now;
            } else if (now - lastGrowth >= 1_000_000_000L && backlog() == 0) {
                return new Indexing(indexedSoFar, lastGrowth, true);
            }
        }
        return new Indexing(indexedSoFar, lastGrowth, false);
    }

    private long backlog() throws Exception {
        return stack.backlog();
    }

    /**
     * Shortens the drain bound when the phases would not otherwise end before {@code BENCH_DEADLINE} (set by
     * {@code bin/bench} from its time budget): warm-up, 14 phases of load or bulk, 11 waits for the worker that may
     * take the whole bound (after the warm-up, the fixed-rate phase and each PUT phase; two after each worker-alone drain) and 3
     * short ones.
     */
    private void fitDrainsToDeadline(boolean beforeWarmUp) {
        drainSeconds = settings.drainSeconds();
        if (settings.deadlineEpochSeconds() <= 0) {
            return;
        }
        long left = settings.deadlineEpochSeconds() - System.currentTimeMillis() / 1000 - 20;
        long fixed = (beforeWarmUp ? settings.warmupSeconds() : 0) + 14L * settings.phaseSeconds() + 3 * 3;
        int fitted = (int) Math.max(3, Math.min(drainSeconds, (left - fixed) / 11));
        if (fitted < drainSeconds) {
            out.printf(Locale.ROOT, "drain bound shortened from %d s to %d s to end within the time budget%n", drainSeconds, fitted);
            drainSeconds = fitted;
        }
    }

    /** Seconds until the deadline less 20 s for the check and the report (a large number without a deadline). */
    private long secondsLeft() {
        return settings.deadlineEpochSeconds() <= 0 ? 3600 : settings.deadlineEpochSeconds() - System.currentTimeMillis() / 1000 - 20;
    }

    /** Whether a phase still fits before the deadline (with 20 s for the check and the report); notes it if not. */
    private boolean timeFor(String phase) {
        if (secondsLeft() >= settings.phaseSeconds()) {
            return true;
        }
        out.println("not run, out of time: " + phase);
        notes.add("Not run, the time budget was spent: " + phase + ".");
        return false;
    }

    /** Waits (bounded) for the worker to empty its backlog; what is left is noted in the results. */
    private void waitForWorker(String after) throws Exception {
        settle(Duration.ofSeconds(Math.max(1, Math.min(drainSeconds, secondsLeft()))));
        long left = backlog();
        if (left > 0) {
            out.printf(Locale.ROOT, "  %d batches still queued %d s after %s%n", left, drainSeconds, after);
            notes.add(left + " batches were still queued " + drainSeconds + " s after " + after
                    + "; the worker processed them during the next phase.");
        }
    }

    private void settle(Duration bound) throws Exception {
        stack.settle(bound);
    }

    /** After every phase: payload events stored (by count, after a refresh) against those accepted with 200. */
    private String storedCheck() throws Exception {
        settle(Duration.ofSeconds(5));
        long queued = backlog();
        esSend("POST", "/" + eventIndices() + "/_refresh", null);
        String query = "{\"query\":{\"terms\":{\"type\":" + JSON.writeValueAsString(PAYLOAD_TYPES) + "}}}";
        long stored = JSON.readTree(esSend("POST", "/" + eventIndices() + "/_count", query).body()).path("count").asLong();
        long all = JSON.readTree(esSend("POST", "/" + eventIndices() + "/_count", "{}").body()).path("count").asLong();
        String verdict = stored >= acceptedPayloadEvents ? "none lost"
                : queued > 0 ? (acceptedPayloadEvents - stored) + " not stored yet, with " + queued + " batches still queued when the run ended"
                : (acceptedPayloadEvents - stored) + " MISSING";
        return String.format(Locale.ROOT, "%d payload events accepted with 200 in all phases (warm-up included), %d stored "
                + "(%s); %d event documents in all (system events included)", acceptedPayloadEvents, stored, verdict, all);
    }

    private HttpResponse<String> esSend(String method, String path, String body) throws Exception {
        return stack.esSend(method, path, body);
    }

    /** Replaces the results section of the document (between its markers), or creates the document. */
    private void writeResults(String report) throws IOException {
        if (settings.results().equals("none")) {
            return;
        }
        Path written = ResultsDocument.write(Path.of(settings.results()), "results", report, "# Collection benchmark", "");
        out.println("results written to " + written);
    }
}
