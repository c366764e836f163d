package io.vitalstorm.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls until a condition holds; on time-out fails with the last value seen. */
public final class Await {

    private Await() {
    }

    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) throws Exception {
        long until = System.currentTimeMillis() + timeout.toMillis();
        T last = null;
        Exception lastError = null;
        while (System.currentTimeMillis() < until) {
            try {
                last = probe.call();
                if (done.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(200);
        }
        AssertionError failure = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + "; last seen: " + last);
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }

    /**
     * Runs an idempotent call up to {@code attempts} times: a loaded CI machine can time out a
     * write that a second try completes (seeding history is keyed, so a retry only overwrites).
     */
    public static <T> T retrying(String what, int attempts, Callable<T> call) throws Exception {
        Exception last = null;
        for (int i = 0; i < attempts; i++) {
            try {
                return call.call();
            } catch (Exception e) {
                last = e;
            }
        }
        throw new AssertionError(what + " failed " + attempts + " times", last);
    }
}
