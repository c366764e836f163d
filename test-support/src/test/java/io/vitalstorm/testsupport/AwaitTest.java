package io.vitalstorm.testsupport;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {

    @Test
    void returnsTheFirstValueThatSatisfiesTheConditionRidingOutProbeErrors() {
        AtomicInteger calls = new AtomicInteger();
        int value = Await.until("the third call", Duration.ofSeconds(5), () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("server still starting");
            }
            return calls.get();
        }, n -> n >= 3);
        assertThat(value).isEqualTo(3);
    }

    @Test
    void timesOutNamingWhatItWaitedForAndTheLastValue() {
        assertThatThrownBy(() -> Await.until("the answer", Duration.ofMillis(600), () -> 41, n -> n == 42))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the answer")
                .hasMessageContaining("last seen: 41")
                .hasCauseInstanceOf(ConditionTimeoutException.class);
    }

    @Test
    void canWaitForAValueToBecomeNull() {
        AtomicInteger calls = new AtomicInteger();
        String value = Await.until("the key to go", Duration.ofSeconds(5),
                () -> calls.incrementAndGet() < 3 ? "still there" : null,
                v -> v == null);
        assertThat(value).isNull();
        assertThat(calls).hasValue(3);
    }
}
