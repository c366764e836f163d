package io.vitalstorm.testsupport;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Polls until a condition holds; on time-out fails with the last value seen. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code probe} every 200 ms until {@code done} holds, with Awaitility; probe errors count as
     * "not yet" (a server still starting). On timeout the error names {@code what}, the last value
     * seen and, as its cause, the last probe error.
     */
    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
        return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(probe, done::test);
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
