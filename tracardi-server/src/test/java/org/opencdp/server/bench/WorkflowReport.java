package org.opencdp.server.bench;

import java.util.List;
import java.util.Locale;

/** The Markdown section of the workflow benchmark: settings, both phases, their ratios and the checks. */
final class WorkflowReport {

    private final WorkflowBenchmark.Settings settings;
    private final List<String> payloadTypes;

    WorkflowReport(WorkflowBenchmark.Settings settings, List<String> payloadTypes) {
        this.settings = settings;
        this.payloadTypes = payloadTypes;
    }

    /**
     * @param phases no rules, with rules and flows, then (when it ran) the control with the rules removed again
     * @param checks the stored check after each phase
     */
    String render(String date, String loadStart, String loadEnd, WorkflowLoadout loadout, List<WorkflowBenchmark.Measured> phases,
                  List<WorkflowBenchmark.Check> checks, WorkflowBenchmark.Samples samples, List<String> notes) {
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(date).append(" — `").append(settings.command()).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, load average %s at start and %s at the end (shared: other "
                        + "people's builds and tests compete for the CPU and often use the same backends, so only the ratios "
                        + "within this run mean something). Java %s. All phases in one JVM on one namespace: `PUT /track` with "
                        + "%d events per request (the tracker capture's page-view and purchase-order, each with properties `a` "
                        + "and `b` for the override flows), closed loop with %d requests in flight for %d s, %d visitors at a "
                        + "time with %d requests each, after a warm-up at 8 in flight (%d s before the first phase, %d s before the others).%n%n",
                Runtime.getRuntime().availableProcessors(), loadStart, loadEnd, System.getProperty("java.version"),
                settings.events(), settings.concurrency(), settings.phaseSeconds(), settings.visitorsWindow(),
                settings.requestsPerVisitor(), WorkflowBenchmark.FIRST_WARMUP_FACTOR * settings.warmupSeconds(), settings.warmupSeconds()));
        md.append("Second phase: ").append(loadout.describe(payloadTypes)).append(". Third phase (control): the rules "
                + "deleted again, the flows left deployed.\n\n");
        md.append("| phase | 200 | non-200 | errors | events/s accepted | p50 ms | p99 ms | CPU machine (load) | "
                + "CPU ES / Pulsar / Redis / MariaDB (load) | documents indexed | seconds | docs/s end to end | "
                + "batches queued at the end of the load | drained | docs per JVM CPU-s | worker CPU-ms per doc |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|\n");
        for (WorkflowBenchmark.Measured m : phases) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d%s | %d | %.0f | %.0f | %.0f | %.0f%% | %s | %d | %.1f | **%.0f** | %d | %s | %.0f | %.2f |%n",
                    m.label(), m.ok(), m.other(), m.other() > 0 ? " (" + m.lastOther() + ")" : "", m.failed(),
                    m.acceptedPerSecond(settings.events()), m.p50(), m.p99(), m.loadMachineCpu(), Cpu.format(m.loadBackendCpu()),
                    m.indexed(), m.seconds(), m.storedPerSecond(), m.backlogAtLoadEnd(),
                    m.drained() ? "yes" : "no: " + m.leftBatches() + " batches left", m.storedPerCpuSecond(), m.workerCpuMsPerDoc()));
        }
        md.append("\nEnd to end: event documents indexed (Elasticsearch `index_total` of the event indices, system events "
                + "included) from the start of the load until indexing stopped with the workers' backlog empty. Docs per JVM "
                + "CPU-s: the same documents over the CPU time of this JVM (collector, worker and load generator) in the same "
                + "window, less sensitive to the share of the machine the run got. Worker CPU-ms per doc: CPU time of the "
                + "worker's own threads (`" + WorkflowBenchmark.WORKER_THREADS + "-*`, where the flows run; not the "
                + "Elasticsearch group-commit senders) over the same window, per document indexed: the least sensitive to "
                + "the machine's load.\n\n");
        WorkflowBenchmark.Measured none = phases.get(0);
        WorkflowBenchmark.Measured flows = phases.get(1);
        WorkflowBenchmark.Measured control = phases.size() > 2 ? phases.get(2) : null;
        md.append("| figure | no rules | with rules and flows | rules removed again (control) | **with ÷ without** | with ÷ "
                + "control | control ÷ without (drift) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        row(md, "**stored events/s end to end**", none.storedPerSecond(), flows.storedPerSecond(),
                control == null ? Double.NaN : control.storedPerSecond());
        row(md, "stored events per JVM CPU-second", none.storedPerCpuSecond(), flows.storedPerCpuSecond(),
                control == null ? Double.NaN : control.storedPerCpuSecond());
        row(md, "worker CPU-ms per stored document (lower is better)", none.workerCpuMsPerDoc(), flows.workerCpuMsPerDoc(),
                control == null ? Double.NaN : control.workerCpuMsPerDoc(), "%.2f");
        row(md, "events/s accepted by `PUT /track` during the load", none.acceptedPerSecond(settings.events()),
                flows.acceptedPerSecond(settings.events()), control == null ? Double.NaN : control.acceptedPerSecond(settings.events()));
        md.append('\n');
        md.append("Checks:\n\n");
        String[] after = {"the phase without rules", "the phase with rules", "the control phase"};
        for (int i = 0; i < checks.size(); i++) {
            md.append("- after ").append(after[i]).append(": ").append(checks.get(i).line()).append(".\n");
        }
        md.append("- flows ran: ").append(samples.line()).append(".\n");
        for (String note : notes) {
            md.append("- ").append(note).append('\n');
        }
        md.append('\n');
        return md.toString();
    }

    private static void row(StringBuilder md, String figure, double without, double with, double control) {
        row(md, figure, without, with, control, "%.0f");
    }

    private static void row(StringBuilder md, String figure, double without, double with, double control, String format) {
        boolean hasControl = !Double.isNaN(control);
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | **%.2f** | %s | %s |%n", figure,
                String.format(Locale.ROOT, format, without), String.format(Locale.ROOT, format, with),
                hasControl ? String.format(Locale.ROOT, format, control) : "not run", with / without,
                hasControl ? String.format(Locale.ROOT, "%.2f", with / control) : "",
                hasControl ? String.format(Locale.ROOT, "%.2f", control / without) : ""));
    }
}
