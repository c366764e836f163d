package io.vitalstorm.bolts;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import io.vitalstorm.bolts.serde.AlertTransitionCodec;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.storage.cassandra.AlertStore;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.tuple.Tuple;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Alert transitions from the history topic are stored once batched; an outage replays them; a damaged
 * record is a dead letter.
 */
class AlertStoreBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final AlertStore store = mock(AlertStore.class);
    private final AtomicInteger schemaRepairs = new AtomicInteger();
    private final AlertStoreBolt bolt = new AlertStoreBolt(s -> store, s -> schemaRepairs::incrementAndGet);
    private final OutputCollector collector = mock(OutputCollector.class);

    AlertStoreBoltTest() {
        when(store.saveAll(anyList())).thenReturn(CompletableFuture.completedFuture(null));
        bolt.prepare(fx.conf(), fx.context("alert-store"), collector);
    }

    private static AlertEvent opened() {
        var assessment = BoltFixtures.assessed(BoltFixtures.spotCheck("P1", BoltFixtures.T0, 88)).get(0);
        List<AlertEvent> events = new AlertEngine().onAssessment(assessment, Thresholds.DEFAULTS, 0L);
        assertThat(events).as("a systolic pressure of 88 opens an alert").isNotEmpty();
        return events.get(0);
    }

    @Test
    void transitionsFromTheTopicAreStoredExactlyAsSentAndAckedAfterTheWrite() {
        AlertEvent e = opened();
        Tuple t = BoltFixtures.binaryRecord(AlertTransitionCodec.encode(e), 5);
        bolt.execute(t);
        verify(collector, never()).ack(any()); // still batched
        bolt.execute(BoltFixtures.tick());

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<AlertEvent>> batch = ArgumentCaptor.forClass(List.class);
        verify(store).saveAll(batch.capture());
        assertThat(batch.getValue()).containsExactly(e);
        verify(collector).ack(t);
        verify(collector, never()).fail(any());
    }

    @Test
    void aCassandraOutageFailsTheBatchForAReplayThenGivesItUpAsRetriesExhausted() {
        when(store.saveAll(anyList()))
                .thenReturn(CompletableFuture.failedFuture(new DriverTimeoutException("timed out")));
        Tuple t = BoltFixtures.binaryRecord(AlertTransitionCodec.encode(opened()), 6);

        for (int i = 0; i <= BoltFixtures.MAX_RETRIES; i++) {
            bolt.execute(t);
            bolt.execute(BoltFixtures.tick());
        }

        verify(collector, times(BoltFixtures.MAX_RETRIES)).fail(t);
        var n = DeadLetterAssert.emitted(collector, t);
        assertThat(n.get("reasonCode").asText()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(n.get("offset").asLong()).isEqualTo(6);
        verify(collector).ack(t);
        assertThat(schemaRepairs).as("a timeout is no missing schema").hasValue(0);
        assertThat(fx.count("vitalstorm.writeFailures")).isEqualTo(BoltFixtures.MAX_RETRIES + 1);
    }

    @Test
    void aDamagedRecordIsDeadLetteredAtOnceAndNeverStored() {
        Tuple t = BoltFixtures.binaryRecord(new byte[] {9, 9}, 7);
        bolt.execute(t);
        bolt.execute(BoltFixtures.tick());

        assertThat(DeadLetterAssert.emitted(collector, t).get("reasonCode").asText()).isEqualTo("INTERNAL_ERROR");
        verify(collector).ack(t);
        verify(collector, never()).fail(any());
        verify(store, never()).saveAll(anyList());
    }
}
