package io.vitalstorm.spouts;

import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilientKafkaSpoutTest {

    private final List<Long> pauses = new ArrayList<>();

    @Test
    void aKafkaErrorTheStockSpoutWouldDieOfPausesTheSpoutInstead() {
        var backoff = new ResilientKafkaSpout.KafkaErrorBackoff(1, 4);

        for (RuntimeException e : List.of(new TimeoutException("commit timed out after 60000 ms"),
                new TopicAuthorizationException(Set.of("vitalstorm.vitals")), new TimeoutException("again"))) {
            sleepPast(backoff);
            assertThat(backoff.run(() -> {
                throw e;
            }, (error, pause) -> pauses.add(pause))).isFalse();
        }

        assertThat(pauses).containsExactly(1L, 2L, 4L);
        sleepPast(backoff);
        assertThat(backoff.run(() -> { }, (error, pause) -> pauses.add(pause))).isTrue();
        assertThat(backoff.pauseMs()).isZero();
    }

    @Test
    void whilePausedTheStepDoesNotRun() {
        var backoff = new ResilientKafkaSpout.KafkaErrorBackoff(60_000, 60_000);
        backoff.run(() -> {
            throw new TimeoutException("down");
        }, (error, pause) -> pauses.add(pause));
        List<String> ran = new ArrayList<>();

        assertThat(backoff.run(() -> ran.add("step"), (error, pause) -> pauses.add(pause))).isFalse();
        assertThat(ran).isEmpty();
    }

    @Test
    void anInterruptStillEndsTheExecutor() {
        var backoff = new ResilientKafkaSpout.KafkaErrorBackoff(1, 4);

        assertThatThrownBy(() -> backoff.run(() -> {
            throw new InterruptException("shutting down");
        }, (error, pause) -> pauses.add(pause))).isInstanceOf(InterruptException.class);
        assertThat(pauses).isEmpty();
    }

    private static void sleepPast(ResilientKafkaSpout.KafkaErrorBackoff backoff) {
        try {
            Thread.sleep(backoff.pauseMs() + 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
