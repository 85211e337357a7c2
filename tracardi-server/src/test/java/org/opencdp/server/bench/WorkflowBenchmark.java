package org.opencdp.server.bench;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.opencdp.server.source.ConfigChangeBus;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.storage.redis.RedisStore;
import org.opencdp.server.testing.TestStack;

/**
 * The workflow benchmark (see the Workflows section of {@code tracardi-server/benchmarks/RESULTS.md}): the worker's
 * end-to-end stored events per second with no rule, then, in the same JVM and namespace, with 100 rules and 20
 * deployed flows ({@link WorkflowLoadout}), then with the rules removed again (a control for the drift between
 * phases), under the same load: {@code PUT /track} of 10 events per request, a fixed number of requests in
 * flight, each phase bounded in time and drained. Checks that no accepted event was lost in any phase and that
 * the flows ran in the second one only. Run it with {@code BENCH_SUITE=workflows bin/bench} (working directory:
 * {@code tracardi-server}).
 */
public final class WorkflowBenchmark {

    private static final List<String> PAYLOAD_TYPES = List.of("page-view", "purchase-order");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(45);
    /** The worker's threads: the batches subscription's receiver and its keyed executor, where the flows run. */
    static final String WORKER_THREADS = "queue-batches-workers";
    static final int FIRST_WARMUP_FACTOR = 6;

    /** Every knob, from the environment, with the defaults {@code bin/bench} runs. */
    record Settings(int phaseSeconds, int warmupSeconds, int concurrency, int events, int rules, int flows, int drainSeconds,
                    int visitorsWindow, int requestsPerVisitor, String results, String command, long deadlineEpochSeconds,
                    Path fixtures) {

        static Settings fromEnvironment() {
            return new Settings(BenchEnv.integer("BENCH_PHASE_SECONDS", 10), BenchEnv.integer("BENCH_WARMUP_SECONDS", 5),
                    BenchEnv.integer("BENCH_CONCURRENCY", 32), BenchEnv.integer("BENCH_EVENTS", 10),
                    BenchEnv.integer("BENCH_RULES", 100), BenchEnv.integer("BENCH_FLOWS", 20),
                    BenchEnv.integer("BENCH_DRAIN_SECONDS", 30), BenchEnv.integer("BENCH_VISITORS", 100),
                    BenchEnv.integer("BENCH_REQUESTS_PER_VISITOR", 5), BenchEnv.string("BENCH_RESULTS", "benchmarks/RESULTS.md"),
                    BenchEnv.string("BENCH_COMMAND", "BENCH_SUITE=workflows bin/bench"),
                    Long.parseLong(BenchEnv.string("BENCH_DEADLINE", "0")),
                    System.getenv("TRACARDI_FIXTURES") == null ? org.opencdp.server.testing.TracardiFlows.folder()
                            : Path.of(System.getenv("TRACARDI_FIXTURES")));
        }
    }

    /**
     * One measured phase: the load ({@code PUT /track}, closed loop) and its drain. End to end is the event
     * documents indexed from the start of the load until indexing stopped; the CPU of this JVM is taken over the
     * same window, so events per CPU-second are the worker's and the collector's cost per stored event.
     */
    record Measured(String label, long ok, long other, int lastOther, long failed, String lastError, double loadSeconds,
                    double p50, double p99, double loadMachineCpu, Map<String, Double> loadBackendCpu, long indexed,
                    long indexedDuringLoad, double seconds, boolean drained, long backlogAtLoadEnd, long leftBatches,
                    double ownCpuSeconds, double workerCpuSeconds, int workerThreads, double machineCpu) {

        double acceptedPerSecond(int events) { return ok * (double) events / loadSeconds; }
        double storedPerSecond() { return indexed / seconds; }
        double storedPerCpuSecond() { return indexed / ownCpuSeconds; }
        /** CPU time of the worker's threads per document indexed: what a stored event costs the worker itself. */
        double workerCpuMsPerDoc() { return workerCpuSeconds * 1000 / indexed; }
    }

    private final Settings settings;
    private final PrintStream out;
    private final BenchStack stack;
    private final Cpu cpu = new Cpu();
    private final List<String> notes = new ArrayList<>();
    private long accepted;

    private WorkflowBenchmark(Settings settings, PrintStream out, BenchStack stack) {
        this.settings = settings;
        this.out = out;
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromEnvironment();
        PrintStream console = BenchStack.logsToFile();
        BenchStack stack = new BenchStack(TestStack.newNamespace("wfbench"), console);
        // Stopped by the time budget (SIGTERM): stop the role before the namespace clean-up, or its worker would
        // re-create the indices the clean-up deletes.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "bench-stop"));
        int status = 1;
        try {
            new WorkflowBenchmark(settings, console, stack).run();
            status = 0;
        } catch (Throwable e) {
            console.println("benchmark failed: " + e);
            e.printStackTrace(console);
        } finally {
            stack.stop();
            console.flush();
            // Pulsar and Elasticsearch clients leave non-daemon threads; the shutdown hook deletes the indices.
            System.exit(status);
        }
    }

    private void run() throws Exception {
        String date = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadStart = Cpu.loadAverage();
        out.printf(Locale.ROOT, "workflow benchmark: %s, %d cores, load average %s, namespace %s%n%s%n", date,
                Runtime.getRuntime().availableProcessors(), loadStart, stack.namespace().name(), settings);
        WorkflowLoadout loadout = WorkflowLoadout.build(settings.fixtures(), settings.flows(), settings.rules(), PAYLOAD_TYPES);
        long t0 = System.nanoTime();
        stack.start(List.of());
        out.printf(Locale.ROOT, "all-in-one role up on port %d in %.1f s%n", stack.port(), (System.nanoTime() - t0) / 1e9);

        List<Measured> phases = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        // What each drain may wait: the first a quarter of what is left after the fixed costs, the second half of
        // it (the flows make the worker slower), the control phase whatever remains.
        // The first warm-up is six times longer: it also has to bring the JIT and the pools up from nothing (with
        // 15 s, the worker still spent half as much CPU again per event in the first phase as in the control).
        warmUp("no rules", FIRST_WARMUP_FACTOR * settings.warmupSeconds());
        phases.add(measure("no rules", Math.max(settings.drainSeconds(), (secondsLeft() - 2 * fixedPerPhase()) / 4)));
        checks.add(check(0));

        long acceptedBeforeRules = accepted;
        changeLoadout(loadout, true);
        warmUp("rules and flows", settings.warmupSeconds());
        phases.add(measure(settings.rules() + " rules, " + settings.flows() + " flows",
                Math.max(settings.drainSeconds(), (secondsLeft() - fixedPerPhase()) / 2)));
        long withFlows = accepted - acceptedBeforeRules;
        checks.add(check(withFlows));
        Samples samples = samples(loadout);
        out.println("  " + samples.line());

        // The control: the rules removed again, the same load. Against the first phase it shows how much the
        // order of the phases (a warmer JVM, a busier machine) moved the figures by itself.
        if (secondsLeft() >= fixedPerPhase()) {
            changeLoadout(loadout, false);
            warmUp("rules removed", settings.warmupSeconds());
            phases.add(measure("rules removed again", secondsLeft()));
            checks.add(check(withFlows));
        } else {
            notes.add("The control phase (rules removed again) was not run: the time budget was spent.");
        }

        String report = new WorkflowReport(settings, PAYLOAD_TYPES).render(date, loadStart, Cpu.loadAverage(), loadout, phases,
                checks, samples, notes);
        out.println();
        out.println(report);
        if (!settings.results().equals("none")) {
            Path written = ResultsDocument.write(Path.of(settings.results()), "workflows", report, "# Collection benchmark",
                    "## Workflows\n\n");
            out.println("results written to " + written);
        }
    }

    /** Payload events with a non-empty flow list expected (all of a phase with rules, none without). */
    record Check(long accepted, long stored, long withFlows, long expectedWithFlows, long flowErrors, long queued) {

        boolean noneLost() { return stored >= accepted; }

        String line() {
            String lost = noneLost() ? "none lost"
                    : queued > 0 ? (accepted - stored) + " not stored yet, with " + queued + " batches still queued"
                    : (accepted - stored) + " MISSING";
            return String.format(Locale.ROOT, "%d payload events accepted with 200 so far (warm-ups included), %d stored (%s); "
                    + "%d carry metadata.processed_by.flows (expected %d), %d flagged metadata.error", accepted, stored, lost,
                    withFlows, expectedWithFlows, flowErrors);
        }
    }

    /** What the flows left: a stored event of each payload type, and the profiles. */
    record Samples(Map<String, int[]> rulesAndFlowsByType, Map<String, int[]> expectedByType, long profiles,
                   long profilesWithViews, String sampleProfile) {

        String line() {
            StringBuilder text = new StringBuilder();
            rulesAndFlowsByType.forEach((type, found) -> text.append(String.format(Locale.ROOT,
                    "sample %s event: %d rules / %d flows in processed_by (expected %d / %d); ", type, found[0], found[1],
                    expectedByType.get(type)[0], expectedByType.get(type)[1])));
            return text + String.format(Locale.ROOT, "%d profiles, %d with stats.views > 0; %s", profiles, profilesWithViews,
                    sampleProfile);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Phases
    // ---------------------------------------------------------------------------------------------

    private Supplier<LoadGenerator.Call> calls() {
        // The override flows copy and append event@properties.a and .b: give every event both, in both phases.
        TrackPayload body = TrackPayload.of(settings.events(), event -> event.withObject("properties").put("a", 1).put("b", 2));
        return body.calls("PUT", stack.uri("/track"), settings.visitorsWindow(), settings.requestsPerVisitor());
    }

    /** The same load at low concurrency (JIT, pools, flow compilation), then a bounded wait for the worker. */
    private void warmUp(String what, int seconds) throws Exception {
        try (LoadGenerator load = new LoadGenerator(REQUEST_TIMEOUT)) {
            LoadGenerator.Outcome outcome = load.closedLoop(calls(), Math.min(8, settings.concurrency()),
                    Duration.ofSeconds(seconds), null);
            accepted += outcome.ok.get() * settings.events();
            if (outcome.ok.get() == 0) {
                throw new IllegalStateException("warm-up (" + what + "): no 200 from PUT /track (status "
                        + outcome.lastOtherStatus.get() + ", " + outcome.lastError + ")");
            }
        }
        long bound = Math.max(1, Math.min(settings.drainSeconds(), secondsLeft()));
        boolean settled = stack.settle(Duration.ofSeconds(bound));
        out.printf(Locale.ROOT, "warmed up (%s) in %d s%s%n", what, seconds, settled ? "" : ", worker NOT idle after " + bound + " s");
        if (!settled) {
            notes.add("The worker had not finished the warm-up (" + what + ") " + bound + " s after it: the rest was counted in the next phase.");
        }
    }

    /** Seconds a phase needs besides its drain: warm-up, its wait for the worker, the load, the checks. */
    private long fixedPerPhase() {
        return settings.warmupSeconds() + settings.drainSeconds() + settings.phaseSeconds() + 10;
    }

    /**
     * The load for {@code phaseSeconds}, then waits (at most {@code drainBound} seconds, and never beyond the
     * budget) until the backlog is empty and indexing stopped.
     */
    private Measured measure(String label, long drainBound) throws Exception {
        long before = stack.indexTotal();
        Cpu.Mark mark = cpu.mark();
        Map<Long, Long> workerStart = Cpu.threadCpu(WORKER_THREADS);
        LoadGenerator.Outcome outcome;
        try (LoadGenerator load = new LoadGenerator(REQUEST_TIMEOUT)) {
            outcome = load.closedLoop(calls(), settings.concurrency(), Duration.ofSeconds(settings.phaseSeconds()), null);
        }
        accepted += outcome.ok.get() * settings.events();
        double loadMachine = mark.machine();
        Map<String, Double> loadBackends = mark.backends();
        long[] latencies = outcome.sortedLatencies();
        long loadEnd = System.nanoTime();
        long start = loadEnd - (long) (outcome.elapsedSeconds() * 1e9);
        long atLoadEnd = stack.indexTotal() - before;
        long backlogAtLoadEnd = stack.backlog();
        long bound = Math.max(1, Math.min(drainBound, secondsLeft()));
        long deadline = loadEnd + Duration.ofSeconds(bound).toNanos();
        long indexed = atLoadEnd;
        long lastGrowth = loadEnd;
        boolean drained = false;
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            long now = System.nanoTime();
            long sofar = stack.indexTotal() - before;
            if (sofar > indexed) {
                indexed = sofar;
                lastGrowth = now;
            } else if (now - lastGrowth >= 1_000_000_000L && stack.backlog() == 0) {
                drained = true;
                break;
            }
        }
        long left = drained ? 0 : stack.backlog();
        Measured measured = new Measured(label, outcome.ok.get(), outcome.otherStatus.get(), outcome.lastOtherStatus.get(),
                outcome.failed.get(), outcome.lastError, outcome.elapsedSeconds(), percentile(latencies, 0.50),
                percentile(latencies, 0.99), loadMachine, loadBackends, indexed, atLoadEnd, (lastGrowth - start) / 1e9, drained,
                backlogAtLoadEnd, left, mark.ownSeconds(), Cpu.threadCpuSecondsSince(workerStart, WORKER_THREADS),
                Cpu.threadCpu(WORKER_THREADS).size(), mark.machine());
        out.printf(Locale.ROOT, "%-18s PUT %d ev: %d x 200 (%d other, %d failed) = %.0f ev/s accepted, p50 %.0f ms, p99 %.0f ms; "
                        + "%d docs indexed in %.1f s = %.0f docs/s end to end (%d batches queued at the end of the load)%s; "
                        + "%.0f docs per JVM CPU-s; worker threads (%d) %.2f CPU-ms per doc; cpu machine %.0f%%%n", label, settings.events(), measured.ok(), measured.other(),
                measured.failed(), measured.acceptedPerSecond(settings.events()), measured.p50(), measured.p99(), indexed,
                measured.seconds(), measured.storedPerSecond(), backlogAtLoadEnd,
                drained ? "" : ", NOT drained within " + bound + " s, " + left + " batches left", measured.storedPerCpuSecond(),
                measured.workerThreads(), measured.workerCpuMsPerDoc(), measured.machineCpu());
        if (!drained) {
            notes.add(label + ": " + left + " batches were still queued after the " + bound + " s drain bound.");
        }
        return measured;
    }

    /**
     * Inserts the rules and flows, or removes the rules, and announces each row on the configuration bus, as the
     * private API does.
     */
    private void changeLoadout(WorkflowLoadout loadout, boolean insert) throws Exception {
        long t0 = System.nanoTime();
        try (MysqlStore mysql = MysqlStore.connect(stack.configuration().mysql(), new MetricRegistry(), "bench-rules");
             RedisStore redis = RedisStore.connect(stack.configuration().redis())) {
            ConfigChangeBus bus = new ConfigChangeBus(redis.jedis(), stack.configuration().redis(), "bench");
            if (insert) {
                loadout.insert(mysql.jdbi(), BenchStack.SCOPE, bus);
            } else {
                loadout.removeRules(mysql.jdbi(), BenchStack.SCOPE, bus);
            }
            if (bus.publishFailures() > 0) {
                throw new IllegalStateException(bus.publishFailures() + " configuration changes could not be published");
            }
        }
        // Pub/sub is delivered in milliseconds; the worker is idle, so the next batch reads the new rules.
        Thread.sleep(500);
        out.printf(Locale.ROOT, insert ? "inserted %d flows and %d rules and published the changes in %.1f s%n"
                : "removed the rules (the %d flows stay deployed) and published the %d changes in %.1f s%n",
                loadout.flows().size(), loadout.rules().size(), (System.nanoTime() - t0) / 1e9);
    }

    // ---------------------------------------------------------------------------------------------
    // Checks
    // ---------------------------------------------------------------------------------------------

    private Check check(long expectedWithFlows) throws Exception {
        long queued = stack.backlog();
        String payload = "{\"terms\":{\"type\":" + BenchStack.JSON.writeValueAsString(PAYLOAD_TYPES) + "}}";
        long stored = stack.count(stack.eventIndices(), "{\"query\":" + payload + "}");
        long withFlows = stack.count(stack.eventIndices(), "{\"query\":{\"bool\":{\"filter\":[" + payload
                + ",{\"exists\":{\"field\":\"metadata.processed_by.flows\"}}]}}}");
        long errors = stack.count(stack.eventIndices(), "{\"query\":{\"term\":{\"metadata.error\":true}}}");
        Check check = new Check(accepted, stored, withFlows, expectedWithFlows, errors, queued);
        out.println("  " + check.line());
        return check;
    }

    private Samples samples(WorkflowLoadout loadout) throws Exception {
        Map<String, int[]> found = new java.util.LinkedHashMap<>();
        Map<String, int[]> expected = new java.util.LinkedHashMap<>();
        for (String type : PAYLOAD_TYPES) {
            JsonNode hits = stack.search(stack.eventIndices(), "{\"size\":1,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"type\":\""
                    + type + "\"}},{\"exists\":{\"field\":\"metadata.processed_by.flows\"}}]}}}");
            JsonNode processed = hits.path(0).path("_source").path("metadata").path("processed_by");
            found.put(type, new int[] {processed.path("rules").size(), processed.path("flows").size()});
            expected.put(type, new int[] {loadout.matching(type, BenchStack.SOURCE).size(),
                    loadout.distinctFlows(type, BenchStack.SOURCE)});
        }
        long profiles = stack.count(stack.profileIndices(), "{\"query\":{\"match_all\":{}}}");
        long withViews = stack.count(stack.profileIndices(), "{\"query\":{\"range\":{\"stats.views\":{\"gt\":0}}}}");
        JsonNode top = stack.search(stack.profileIndices(), "{\"size\":1,\"sort\":[{\"stats.views\":\"desc\"}]}")
                .path(0).path("_source");
        String sample = top.isMissingNode() ? "no profile found" : String.format(Locale.ROOT,
                "the busiest profile: stats.views %d, stats.visits %d, traits.a %s, %d values in traits.b",
                top.path("stats").path("views").asLong(), top.path("stats").path("visits").asLong(),
                top.path("traits").path("a").asText("-"), top.path("traits").path("b").size());
        return new Samples(found, expected, profiles, withViews, sample);
    }

    // ---------------------------------------------------------------------------------------------
    // Time
    // ---------------------------------------------------------------------------------------------

    /** Seconds until the deadline less 20 s for the checks and the report (a large number without a deadline). */
    private long secondsLeft() {
        return settings.deadlineEpochSeconds() <= 0 ? 3600
                : settings.deadlineEpochSeconds() - System.currentTimeMillis() / 1000 - 20;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
