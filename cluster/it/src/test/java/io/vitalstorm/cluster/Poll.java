package io.vitalstorm.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Re-evaluates a probe until its value is acceptable; a time-out fails with the last value seen. */
final class Poll {

    private Poll() {
    }

    static <T> T until(String what, Duration limit, Callable<T> probe, Predicate<T> accept) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        T value = null;
        Exception error = null;
        do {
            try {
                value = probe.call();
                error = null;
                if (accept.test(value)) {
                    return value;
                }
            } catch (Exception e) {
                error = e; // servers may still be starting: keep trying until the limit
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no " + what + " within " + limit.toSeconds() + " s; last: " + value, error);
    }
}
