package io.vitalstorm.bolts;

import com.codahale.metrics.Gauge;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.vitalstorm.bolts.serde.ScoredReadingCodec;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.task.TopologyContext;
import org.apache.storm.tuple.Tuple;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The history path reads scored readings from the history topic; a damaged record is dead-lettered, not retried. */
class HistoryBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final HistoryWriter writer = mock(HistoryWriter.class);
    private final AtomicInteger schemaRepairs = new AtomicInteger();
    private final HistoryBolt bolt = new HistoryBolt(s -> writer, s -> schemaRepairs::incrementAndGet);
    private final OutputCollector collector = mock(OutputCollector.class);

    HistoryBoltTest() {
        when(writer.write(anyList())).thenReturn(CompletableFuture.completedFuture(null));
        bolt.prepare(fx.conf(), fx.context("history"), collector);
    }

    @Test
    void scoredReadingsFromTheTopicAreWrittenExactlyAsScored() {
        ScoredObservation scored = BoltFixtures.assessed(BoltFixtures.wristBand("P1", BoltFixtures.T0, 131)).get(0)
                .scored();
        Tuple t = BoltFixtures.binaryRecord(ScoredReadingCodec.encode(scored), 3);
        bolt.execute(t);
        bolt.execute(BoltFixtures.tick());

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ScoredObservation>> batch = ArgumentCaptor.forClass(List.class);
        verify(writer).write(batch.capture());
        assertThat(batch.getValue()).containsExactly(scored);
        verify(collector).ack(t);
    }

    @Test
    void theWritersRetriedAndGivenUpTimeoutsAreGaugesForOperators() {
        when(writer.timeoutsRetried()).thenReturn(7L);
        when(writer.timeoutsGivenUp()).thenReturn(2L);
        TopologyContext context = fx.context("history");
        new HistoryBolt(s -> writer, s -> schemaRepairs::incrementAndGet).prepare(fx.conf(), context, collector);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Gauge<Long>> retried = ArgumentCaptor.forClass(Gauge.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Gauge<Long>> gaveUp = ArgumentCaptor.forClass(Gauge.class);
        verify(context).registerGauge(eq("vitalstorm.history.timeoutsRetried"), retried.capture());
        verify(context).registerGauge(eq("vitalstorm.history.timeoutsGivenUp"), gaveUp.capture());
        assertThat(retried.getValue().getValue()).isEqualTo(7L);
        assertThat(gaveUp.getValue().getValue()).isEqualTo(2L);
    }

    @Test
    void aDamagedRecordIsDeadLetteredWithItsOffsetAndNeverWritten() {
        Tuple t = BoltFixtures.binaryRecord(new byte[] {1, 7, 7, 7}, 9);
        bolt.execute(t);
        bolt.execute(BoltFixtures.tick());

        var n = DeadLetterAssert.emitted(collector, t);
        assertThat(n.get("reasonCode").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(n.get("offset").asLong()).isEqualTo(9);
        verify(collector).ack(t);
        verify(collector, never()).fail(any());
        verify(writer, never()).write(anyList());
    }

    @Test
    void aMissingTableFailsTheBatchForAReplayAndReappliesTheSchemaOnce() {
        KafkaRecordBatchingBolt.resetSchemaRepairInterval();
        when(writer.write(anyList())).thenReturn(CompletableFuture.failedFuture(
                new InvalidQueryException(mock(Node.class), "unconfigured table observations_by_patient_day")));
        ScoredObservation scored = BoltFixtures.assessed(BoltFixtures.wristBand("P1", BoltFixtures.T0, 131)).get(0)
                .scored();
        Tuple first = BoltFixtures.binaryRecord(ScoredReadingCodec.encode(scored), 3);
        Tuple second = BoltFixtures.binaryRecord(ScoredReadingCodec.encode(scored), 4);

        bolt.execute(first);
        bolt.execute(BoltFixtures.tick());
        bolt.execute(second);
        bolt.execute(BoltFixtures.tick());

        verify(collector).fail(first);
        verify(collector).fail(second);
        verify(collector, never()).ack(any());
        assertThat(schemaRepairs).as("at most once per interval").hasValue(1);
        assertThat(fx.count(KafkaRecordBatchingBolt.SCHEMA_REAPPLIED)).isEqualTo(1);
    }

    @Test
    void aWriteInterruptedBecauseStormStopsTheExecutorFailsTheBatchForAReplayAndKeepsTheInterrupt() {
        when(writer.write(anyList())).thenReturn(new CompletableFuture<>()); // never completes: the bolt waits
        ScoredObservation scored = BoltFixtures.assessed(BoltFixtures.wristBand("P1", BoltFixtures.T0, 131)).get(0)
                .scored();
        Tuple t = BoltFixtures.binaryRecord(ScoredReadingCodec.encode(scored), 3);
        bolt.execute(t);

        Thread.currentThread().interrupt(); // what Storm does to an executor thread it stops
        bolt.execute(BoltFixtures.tick());

        assertThat(Thread.interrupted()).as("the interrupt is kept for Storm's loop").isTrue();
        verify(collector).fail(t);
        verify(collector, never()).ack(any());
        verify(collector, never()).emit(any(String.class), any(Tuple.class), anyList());
        assertThat(fx.count(BoltMetrics.INTERRUPTED)).isEqualTo(1);
        assertThat(fx.count(BoltMetrics.RETRIES)).as("not the record's fault: no retry used").isZero();
    }
}
