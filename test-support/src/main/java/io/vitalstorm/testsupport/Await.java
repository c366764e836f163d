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
}
