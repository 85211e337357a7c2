// Runs a local Pulsar standalone (broker + one bookie, RocksDB metadata) for bin/stack.
//
// Started by bin/stack in Java's single-file source mode, on the classpath resolved from
// bin/stack.d/pulsar/pom.xml:
//   java <jvm flags> -cp "$(cat classpath.txt)" StandaloneLauncher.java <PulsarStandaloneStarter args>
//
// Why not run org.apache.pulsar.PulsarStandaloneStarter directly: on SIGTERM its shutdown hook and
// the bookie's own hooks run in parallel, so the bookie can stop before the broker has written its
// cursor (acknowledgement) state, and consumers see already-acknowledged messages again after a
// clean restart. Here TERM/INT are handled by us instead of the JVM's shutdown sequence: the
// standalone is closed in order (broker first, then the bookie), logs are flushed, and the JVM is
// halted so that no other shutdown hook can race with the closing.

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.logging.log4j.LogManager;
import org.apache.pulsar.PulsarStandaloneStarter;
import sun.misc.Signal;

public class StandaloneLauncher {

    // bin/stack sends KILL after its own timeout; this only makes a hung close end sooner and cleanly.
    private static final long CLOSE_TIMEOUT_SECONDS = 50;

    private static final AtomicBoolean closing = new AtomicBoolean();
    private static volatile PulsarStandaloneStarter standalone;

    public static void main(String[] args) throws Exception {
        // Install the handlers before anything starts, so a TERM that arrives during start-up
        // also goes through the ordered close.
        Signal.handle(new Signal("TERM"), sig -> shutdown("SIGTERM"));
        try {
            // Ignored (not handleable) when started in the background by a non-interactive shell.
            Signal.handle(new Signal("INT"), sig -> shutdown("SIGINT"));
        } catch (IllegalArgumentException ignored) {
            // TERM is what bin/stack sends
        }

        try {
            standalone = new PulsarStandaloneStarter(args);
            standalone.start();
        } catch (Throwable t) {
            System.err.println("StandaloneLauncher: Pulsar standalone failed to start: " + t);
            t.printStackTrace();
            LogManager.shutdown();
            Runtime.getRuntime().halt(1);
        }
        System.out.println("StandaloneLauncher: Pulsar standalone started");
        // main returns; the broker's non-daemon threads keep the JVM running until a signal.
    }

    private static void shutdown(String why) {
        if (!closing.compareAndSet(false, true)) {
            return; // a second TERM while closing: the first one is still at work
        }
        System.out.println("StandaloneLauncher: " + why + " received, closing broker then bookie");
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(CLOSE_TIMEOUT_SECONDS);
                System.err.println("StandaloneLauncher: close took over " + CLOSE_TIMEOUT_SECONDS + " s, halting");
                Runtime.getRuntime().halt(2);
            } catch (InterruptedException ignored) {
                // closed in time
            }
        }, "close-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int status = 0;
        try {
            PulsarStandaloneStarter s = standalone;
            if (s != null) {
                // PulsarStandalone.close(): functions worker, broker, then the bookie cluster; it also
                // removes the starter's own shutdown hook.
                s.close();
            }
        } catch (Throwable t) {
            System.err.println("StandaloneLauncher: error while closing: " + t);
            t.printStackTrace();
            status = 1;
        }
        System.out.println("StandaloneLauncher: closed");
        LogManager.shutdown();
        // halt, not exit: exit would run the remaining shutdown hooks (the bookie's), which is
        // exactly the parallel shutdown this launcher exists to avoid.
        Runtime.getRuntime().halt(status);
    }
}
