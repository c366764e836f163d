package io.vitalstorm.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwaitTest {

    @Test
    void waitsThroughIoExceptionsAndNotReadyAnswersOnTheCallingThread() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Thread caller = Thread.currentThread();
        Await.until("the third probe", Duration.ofSeconds(5), () -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new IOException("connection refused");
            }
            return n >= 3;
        }, () -> "; never asked");
        assertThat(calls).hasValue(3);
    }

    @Test
    void timesOutNamingTheServerWithTheDiagnosticsAndTheLastIoException() {
        assertThatThrownBy(() -> Await.until("redis on 127.0.0.1:1", Duration.ofMillis(300), () -> {
            throw new IOException("connection refused");
        }, () -> "; log tail"))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("redis on 127.0.0.1:1 not ready after 0 s; log tail")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).isInstanceOf(IOException.class)
                                .hasMessage("connection refused")));
    }

    @Test
    void timesOutWithNothingSuppressedWhenTheProbeOnlySaidNotYet() {
        assertThatThrownBy(() -> Await.until("kafka", Duration.ofMillis(200), () -> false, () -> ""))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("kafka not ready after 0 s")
                .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());
    }

    @Test
    void anyOtherExceptionAbortsTheWaitAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Await.until("zookeeper", Duration.ofSeconds(30), () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("process exited with 1");
        }, () -> "")).isInstanceOf(IllegalStateException.class).hasMessage("process exited with 1");
        assertThat(calls).hasValue(1);
    }
}
