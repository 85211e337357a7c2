package org.opencdp.server.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencdp.server.testing.TestStack;

/**
 * CPU use over a phase, in % of all cores: the whole machine (/proc/stat), this JVM, and each backend of the
 * stack, found by the pid files {@code bin/stack} keeps (a backend that restarted in between counts as n/a).
 */
final class Cpu {

    /** The backends, with their pid file under the stack folder. */
    static final Map<String, String> BACKENDS = new LinkedHashMap<>();

    static {
        BACKENDS.put("Elasticsearch", "elastic/run/elasticsearch.pid");
        BACKENDS.put("Pulsar", "pulsar/pulsar.pid");
        BACKENDS.put("Redis", "redis/redis.pid");
        BACKENDS.put("MariaDB", "mariadb/mariadbd.pid");
    }

    private static final Path STACK = Path.of(System.getenv().getOrDefault("STACK_DIR", TestStack.REPO.resolve(".stack").toString()));
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    record Mark(long[] machineStart, long ownStart, long wallStart, Map<String, long[]> backendStart, long jitStart) {

        /**
         * Milliseconds the JIT compilers spent since the mark per millisecond of wall time (summed over compiler
         * threads, so it can exceed 1): on two cores a JVM that still compiles hands much of its CPU to the JIT.
         */
        double jitShare() {
            long wall = (System.nanoTime() - wallStart) / 1_000_000;
            return wall <= 0 ? Double.NaN : (double) (jitMillis() - jitStart) / wall;
        }

        double machine() {
            long[] now = machineTicks();
            long busy = now[0] - machineStart[0];
            long total = now[1] - machineStart[1];
            return total <= 0 ? Double.NaN : 100.0 * busy / total;
        }

        /** CPU-seconds this JVM used since the mark. */
        double ownSeconds() {
            return (ownCpuNanos() - ownStart) / 1e9;
        }

        double own() {
            long cpu = ownCpuNanos() - ownStart;
            long wall = System.nanoTime() - wallStart;
            return 100.0 * cpu / wall / CORES;
        }

        /** Each backend's CPU since the mark, in % of all cores (NaN when its process changed or is unknown). */
        Map<String, Double> backends() {
            Map<String, Double> use = new LinkedHashMap<>();
            double seconds = (System.nanoTime() - wallStart) / 1e9;
            for (Map.Entry<String, long[]> start : backendStart.entrySet()) {
                long[] now = processTicks(start.getKey());
                boolean same = now != null && start.getValue() != null && now[0] == start.getValue()[0];
                // /proc/<pid>/stat counts in clock ticks of 1/100 s (USER_HZ).
                use.put(start.getKey(), same ? 100.0 * (now[1] - start.getValue()[1]) / 100.0 / seconds / CORES : Double.NaN);
            }
            return use;
        }
    }

    Mark mark() {
        Map<String, long[]> backends = new LinkedHashMap<>();
        for (String name : BACKENDS.keySet()) {
            backends.put(name, processTicks(name));
        }
        return new Mark(machineTicks(), ownCpuNanos(), System.nanoTime(), backends, jitMillis());
    }

    /** Total time the JIT compilers of this JVM spent so far, in ms (0 when the JVM does not report it). */
    static long jitMillis() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** {pid, utime + stime} of a backend, or null. */
    private static long[] processTicks(String backend) {
        try {
            long pid = Long.parseLong(Files.readString(STACK.resolve(BACKENDS.get(backend))).trim());
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which is in parentheses and may hold spaces): state is field 3.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
            return new long[] {pid, Long.parseLong(f[11]) + Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal (guest time is already counted in user)
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long ownCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** CPU time so far (ns) of this JVM's live threads whose name starts with {@code prefix}, by thread id. */
    static Map<Long, Long> threadCpu(String prefix) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new LinkedHashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** CPU-seconds the threads named {@code prefix}... used since {@code start} (threads started since count in full). */
    static double threadCpuSecondsSince(Map<Long, Long> start, String prefix) {
        long nanos = 0;
        for (Map.Entry<Long, Long> now : threadCpu(prefix).entrySet()) {
            nanos += now.getValue() - start.getOrDefault(now.getKey(), 0L);
        }
        return nanos / 1e9;
    }

    /** "41 / 12 / 5 / 0 %": each backend's share of all cores, "?" when unknown. */
    static String format(Map<String, Double> cpu) {
        List<String> parts = new ArrayList<>();
        for (String name : BACKENDS.keySet()) {
            Double value = cpu.get(name);
            parts.add(value == null || value.isNaN() ? "?" : String.format(Locale.ROOT, "%.0f", value));
        }
        return String.join(" / ", parts) + " %";
    }

    /** The machine's load averages over 1, 5 and 15 minutes, "n/a" when unknown. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }
}
