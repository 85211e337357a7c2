package org.opencdp.server.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencdp.server.bench.CollectionBenchmark.Bulk;
import org.opencdp.server.bench.CollectionBenchmark.EndToEnd;
import org.opencdp.server.bench.CollectionBenchmark.Phase;
import org.opencdp.server.bench.CollectionBenchmark.Settings;

/**
 * The results section of the collection benchmark in Markdown: every phase, the end-to-end figures, the raw-bulk
 * ceiling, the stored check, the notes and the targets as ratios within the run. Each target is judged twice where
 * the run measured both: against the figure measured alone, like its ceiling (the collector with the worker paused;
 * the worker alone on the backlog), and against the figure with collector and worker sharing the cores.
 */
final class CollectionReport {

    private final Settings settings;
    private final List<String> notes;

    CollectionReport(Settings settings, List<String> notes) {
        this.settings = settings;
        this.notes = notes;
    }

    String report(String date, String loadStart, String loadEnd, List<Phase> phases, List<EndToEnd> endToEnd, Bulk bulk,
                  String check) {
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(date).append(" — `").append(settings.command()).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, load average %s at start and %s at the end "
                        + "(above the number of cores, other work competed for the CPU: on a shared machine, other people's "
                        + "builds and tests, often against the same backends). Java %s. Phases of %d s, closed loops with %d requests in flight, %d visitors at a time, "
                        + "%d requests each; event indices: 1 shard, refresh 5 s.%n%n", Runtime.getRuntime().availableProcessors(),
                loadStart, loadEnd, System.getProperty("java.version"), settings.phaseSeconds(), settings.concurrency(),
                settings.visitorsWindow(), settings.requestsPerVisitor()));
        phaseTable(md, phases);
        endToEndTable(md, endToEnd);
        if (bulk != null) {
            md.append(String.format(Locale.ROOT, "Raw `_bulk` ceiling: %d documents in %.1f s = **%.0f docs/s** (%d requests of %d "
                            + "documents in flight, %d distinct stored event documents re-sent under new ids, %.1f MiB sent, %d rejected, "
                            + "CPU machine %.0f%%, ES / Pulsar / Redis / MariaDB %s).%n%n", bulk.docs(), bulk.seconds(), bulk.docsPerSecond(), settings.bulkConcurrency(),
                    settings.bulkDocs(), bulk.sourceDocs(), bulk.bytes() / 1024.0 / 1024.0, bulk.rejected(), bulk.machineCpu(),
                    Cpu.format(bulk.backendCpu())));
        }
        md.append("Stored check: ").append(check).append(".\n\n");
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        if (!notes.isEmpty()) {
            md.append('\n');
        }
        targets(md, phases, endToEnd, bulk);
        return md.toString();
    }

    private static void phaseTable(StringBuilder md, List<Phase> phases) {
        md.append("| phase | request | events/req | load | 200 | non-200 | errors | req/s | events/s | p50 ms | p99 ms | max ms | CPU machine | CPU this JVM | CPU ES / Pulsar / Redis / MariaDB | events per JVM CPU-s | JIT ms per s |\n");
        md.append("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Phase p : phases) {
            md.append(String.format(Locale.ROOT, "| %s | %s %s | %d | %s | %d | %d%s | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.0f%% | %.0f%% | %s | %.0f | %.0f |%n",
                    p.name(), p.method(), p.path(), p.events(), p.shape(), p.ok(), p.other(),
                    p.other() > 0 ? " (" + p.lastOther() + ")" : "", p.failed() + p.skipped(), p.requestsPerSecond(),
                    p.eventsPerSecond(), p.p50(), p.p99(), p.max(), p.machineCpu(), p.ownCpu(), Cpu.format(p.backendCpu()),
                    p.eventsPerCpuSecond(), p.jitShare() * 1000));
        }
        md.append('\n');
        long deferred = phases.stream().mapToLong(Phase::deferred).sum();
        if (deferred > 0) {
            md.append("POST answers that timed out waiting for the worker (\"Processing deferred\"): ").append(deferred).append(".\n\n");
        }
    }

    private static void endToEndTable(StringBuilder md, List<EndToEnd> endToEnd) {
        md.append("End to end (PUT phases): event documents indexed (system events such as profile-created included). "
                + "*With the load*: from the start of the phase, the worker running beside the collector, until indexing stopped. "
                + "*Worker alone*: the phase ran with the worker paused; from the worker's resumption until indexing stopped.\n\n");
        md.append("| PUT events/req | worker | payload events accepted | documents indexed | seconds | docs/s end to end | docs/s during the load | event documents per `_bulk` request | batches queued at the end of the load | drained | CPU machine / this JVM / ES, Pulsar, Redis, MariaDB (worker alone) |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (EndToEnd e : endToEnd) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %.1f | %.0f | %s | %.0f | %d | %s | %s |%n", e.events(),
                    e.concurrent() ? "with the load" : "alone", e.acceptedEvents(), e.indexed(), e.seconds(), e.docsPerSecond(),
                    e.concurrent() ? String.format(Locale.ROOT, "%.0f", e.duringLoadPerSecond()) : "paused", e.docsPerBulk(),
                    e.backlogAtLoadEnd(), e.drained() ? "yes" : "no: " + e.leftBatches() + " batches left at the bound",
                    e.concurrent() ? "see the PUT phase" : e.cpu()));
        }
        md.append('\n');
    }

    private void targets(StringBuilder md, List<Phase> phases, List<EndToEnd> endToEnd, Bulk bulk) {
        md.append("Targets (ratios within this run):\n\n");
        md.append("| target | measured | ratio | met | ratio per JVM CPU-second |\n|---|---|---:|---|---:|\n");
        for (int events : settings.sizes()) {
            putTarget(md, phases, "put-alone", "worker paused (the collector alone, as the no-op)", events);
            putTarget(md, phases, "put", "worker running beside it", events);
        }
        for (EndToEnd e : endToEnd) {
            if (bulk == null) {
                break;
            }
            double ratio = e.docsPerSecond() / bulk.docsPerSecond();
            md.append(String.format(Locale.ROOT, "| stored events/s end to end ≥ 50%% of raw `_bulk`, PUT %d events/req, %s | %.0f vs %.0f docs/s | %.2f | %s | |%n",
                    e.events(), e.concurrent() ? "worker with the load" : "worker alone on the backlog (as the raw bulk)",
                    e.docsPerSecond(), bulk.docsPerSecond(), ratio, ratio >= 0.5 ? "yes" : "**no**"));
        }
        if (bulk == null || endToEnd.isEmpty()) {
            md.append("| stored events/s end to end ≥ 50% of raw `_bulk` | not measured | | | |\n");
        }
        Optional<Phase> measured = find(phases, "post-rate", settings.rateEvents());
        if (measured.isEmpty()) {
            md.append("| POST /track p99 < 50 ms at " + settings.rate() + " req/s of " + settings.rateEvents() + " events | not measured | | | |\n");
        } else {
            Phase rate = measured.get();
            boolean rateOk = rate.p99() < 50 && rate.skipped() == 0 && rate.failed() == 0 && rate.other() == 0
                    && rate.requestsPerSecond() >= settings.rate() * 0.95;
            md.append(String.format(Locale.ROOT, "| POST /track p99 < 50 ms at %d req/s of %d events | p99 %.1f ms, p50 %.1f ms, %.0f req/s answered 200 | %.2f of 50 ms | %s | |%n",
                    settings.rate(), settings.rateEvents(), rate.p99(), rate.p50(), rate.requestsPerSecond(), rate.p99() / 50,
                    rateOk ? "yes" : "**no**"));
        }
    }

    private static void putTarget(StringBuilder md, List<Phase> phases, String name, String how, int events) {
        Optional<Phase> put = find(phases, name, events);
        Optional<Phase> noop = find(phases, "noop", events);
        if (put.isEmpty() || noop.isEmpty()) {
            md.append("| PUT /track ≥ 50% of the no-op ceiling, " + events + " events/req, " + how + " | not measured | | | |\n");
            return;
        }
        double ratio = put.get().eventsPerSecond() / noop.get().eventsPerSecond();
        md.append(String.format(Locale.ROOT, "| PUT /track ≥ 50%% of the no-op ceiling, %d events/req, %s | %.0f vs %.0f req/s | %.2f | %s | %.2f |%n",
                events, how, put.get().requestsPerSecond(), noop.get().requestsPerSecond(), ratio, ratio >= 0.5 ? "yes" : "**no**",
                put.get().eventsPerCpuSecond() / noop.get().eventsPerCpuSecond()));
    }

    private static Optional<Phase> find(List<Phase> phases, String name, int events) {
        return phases.stream().filter(p -> p.name().equals(name) && p.events() == events).findFirst();
    }
}
