package io.vitalstorm.infra;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Polls a readiness probe, with Awaitility, until it succeeds or a deadline passes. */
final class Await {

    /** A readiness check. IOException means "not yet"; any other exception aborts the wait. */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    /**
     * Waits until {@code probe} reports ready: probes at once, then every 50 ms, on the calling thread.
     *
     * @param diagnostics extra text for the timeout message (e.g. a log tail), computed only on failure
     * @throws TimeoutException "{@code what} not ready after N s" plus the diagnostics, the last IOException
     *         (if any) suppressed in it
     */
    static void until(String what, Duration timeout, Probe probe, Supplier<String> diagnostics)
            throws Exception {
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).pollInSameThread()
                    .ignoreExceptionsInstanceOf(IOException.class).until(probe::ready);
        } catch (ConditionTimeoutException e) {
            TimeoutException timedOut = new TimeoutException(
                    what + " not ready after " + timeout.toSeconds() + " s" + diagnostics.get());
            if (e.getCause() instanceof IOException lastFailure) {
                timedOut.addSuppressed(lastFailure);
            }
            throw timedOut;
        }
    }
}
