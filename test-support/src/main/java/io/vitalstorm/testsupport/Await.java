package io.vitalstorm.testsupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Polls until a condition holds; on time-out fails with the last value seen. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code probe} every 200 ms until {@code done} holds, with Awaitility; probe errors count as
     * "not yet" (a server still starting). The condition is a plain boolean, not a Hamcrest matcher,
     * because Awaitility's predicate form never matches a null value (and some tests wait for null).
     * On timeout the error names {@code what}, the last value seen and, as its cause, the timeout.
     */
    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> {
                        T value = probe.call();
                        last.set(value);
                        return done.test(value);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                    + "; last seen: " + last.get(), e);
        }
        return last.get();
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
