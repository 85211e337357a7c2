package org.opencdp.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opencdp.server.TracardiApplication;

/** Runs {@code tracardi <args>} in a child JVM on the test classpath, as an operator would run it. */
public final class TracardiProcess {

    /** The finished process: its exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    private final Process process;
    private final Path log;

    private TracardiProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static TracardiProcess start(Map<String, String> environment, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, TracardiApplication.class.getName()));
        command.addAll(List.of(args));
        Path log = java.nio.file.Files.createTempFile("tracardi-process", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new TracardiProcess(builder.start(), log);
    }

    public static Result run(Map<String, String> environment, String... args) throws Exception {
        return start(environment, args).await();
    }

    public Result await() throws Exception {
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("tracardi did not finish in 180 s; output:\n" + output());
        }
        return new Result(process.exitValue(), output());
    }

    /** Everything the process printed so far. */
    public String output() throws IOException {
        return java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: the process gets no chance to finish, flush or acknowledge anything. Waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** A clean stop ({@code SIGTERM}, Dropwizard's shutdown hooks run); {@code SIGKILL} after {@code grace}. */
    public void stop(java.time.Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }
}
