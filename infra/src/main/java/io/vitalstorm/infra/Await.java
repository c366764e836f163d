package io.vitalstorm.infra;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Polls a readiness probe until it succeeds or a deadline passes. */
final class Await {

    /** A readiness check. IOException means "not yet"; any other exception aborts the wait. */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    private static final long POLL_MILLIS = 50;

    private Await() {
    }

    /**
     * Waits until {@code probe} reports ready.
     *
     * @param diagnostics extra text for the timeout message (e.g. a log tail), computed only on failure
     */
    static void until(String what, Duration timeout, Probe probe, Supplier<String> diagnostics)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException lastFailure = null;
        while (true) {
            try {
                if (probe.ready()) {
                    return;
                }
            } catch (IOException notYet) {
                lastFailure = notYet;
            }
            if (System.nanoTime() > deadline) {
                TimeoutException timedOut = new TimeoutException(
                        what + " not ready after " + timeout.toSeconds() + " s" + diagnostics.get());
                if (lastFailure != null) {
                    timedOut.addSuppressed(lastFailure);
                }
                throw timedOut;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
