package io.vitalstorm.web;

import io.vitalstorm.storage.FailureCounts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lockout rules over counts with a fake clock (the Redis counts themselves, shared by two
 * servers, are tested in integration-tests {@code LoginThrottleSharedTest}).
 */
class LoginThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1);
    private final LoginThrottle throttle = new LoginThrottle(new ClockedCounts());

    /** Fixed windows from the first failure, as RedisFailureCounts keeps them, on the test's clock. */
    private final class ClockedCounts implements FailureCounts {
        private final Map<String, long[]> counts = new HashMap<>(); // key → {failures, window end in nanos}

        @Override
        public void fail(String key, Duration window) {
            long[] c = counts.get(key);
            if (c == null || c[1] <= nanos.get()) {
                c = new long[] {0, nanos.get() + window.toNanos()};
                counts.put(key, c);
            }
            c[0]++;
        }

        @Override
        public Window read(String key) {
            long[] c = counts.get(key);
            return c == null || c[1] <= nanos.get() ? Window.NONE
                    : new Window(c[0], Duration.ofNanos(c[1] - nanos.get()));
        }

        @Override
        public void clear(String key) {
            counts.remove(key);
        }
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aUserIsLockedAfterTheLimitUntilTheWindowFromTheFirstFailureEnds() {
        for (int i = 0; i < LoginThrottle.USER_LIMIT; i++) {
            assertThat(throttle.lockedFor("Dr.Osei", "10.0.0." + i)).isEmpty();
            throttle.failed("Dr.Osei", "10.0.0." + i);
            advance(Duration.ofMinutes(1));
        }
        // the name is matched without case; another address does not help
        assertThat(throttle.lockedFor("dr.osei", "10.9.9.9")).hasValueSatisfying(left -> assertThat(left)
                .isBetween(LoginThrottle.WINDOW.minusMinutes(LoginThrottle.USER_LIMIT).minusSeconds(1),
                        LoginThrottle.WINDOW.minusMinutes(LoginThrottle.USER_LIMIT)));
        assertThat(throttle.lockedFor("dr.adams", "10.9.9.9")).isEmpty();
        advance(LoginThrottle.WINDOW.minusMinutes(LoginThrottle.USER_LIMIT));
        assertThat(throttle.lockedFor("dr.osei", "10.9.9.9")).isEmpty();
    }

    @Test
    void oneAddressGuessingManyNamesIsLockedAndASuccessClearsOnlyTheUser() {
        for (int i = 0; i < LoginThrottle.ADDRESS_LIMIT; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(throttle.lockedFor("someone", "10.0.0.1")).hasValueSatisfying(left -> assertThat(left)
                .isBetween(LoginThrottle.WINDOW.minusSeconds(1), LoginThrottle.WINDOW));
        assertThat(throttle.lockedFor("someone", "10.0.0.2")).isEmpty();

        throttle.failed("ann", "10.0.0.3");
        throttle.succeeded("ann");
        for (int i = 0; i < LoginThrottle.USER_LIMIT - 1; i++) {
            throttle.failed("ann", "10.0.0.3");
        }
        assertThat(throttle.lockedFor("ann", "10.0.0.4")).isEmpty();
    }

    @Test
    void countsThatCannotBeReachedRefuseTheLoginWith503RatherThanLetItThroughUnthrottled() {
        FailureCounts down = new FailureCounts() {
            @Override
            public void fail(String key, Duration window) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public Window read(String key) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void clear(String key) {
                throw new IllegalStateException("connection refused");
            }
        };
        LoginThrottle unreachable = new LoginThrottle(down);
        assertThatThrownBy(() -> unreachable.lockedFor("ann", "10.0.0.1")).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> unreachable.failed("ann", "10.0.0.1")).isInstanceOf(ApiError.class);
    }
}
