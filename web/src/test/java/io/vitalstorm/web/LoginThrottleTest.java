package io.vitalstorm.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1);
    private final LoginThrottle throttle = new LoginThrottle(nanos::get);

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
}
