package io.vitalstorm.bolts;

import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.storage.redis.LatestStateWriter;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import redis.clients.jedis.exceptions.JedisConnectionException;

import io.vitalstorm.core.config.Setting;
import org.apache.storm.policy.IWaitStrategy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The batching sinks' contract, on the latest-state sink: ack after the write, replay on an outage, give up after the
 * retries.
 */
class LatestStateBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final LatestStateWriter writer = mock(LatestStateWriter.class);
    private final LatestStateBolt bolt = new LatestStateBolt(s -> writer);
    private final OutputCollector collector = mock(OutputCollector.class);
    private final List<Tuple> tuples = BoltFixtures.assessed(
                    BoltFixtures.wristBand("P1", BoltFixtures.T0, 80),
                    BoltFixtures.wristBand("P1", BoltFixtures.T0 + 1_000, 81),
                    BoltFixtures.wristBand("P1", BoltFixtures.T0 + 2_000, 82)).stream()
            .map(a -> BoltFixtures.carrying(TupleFields.ASSESSMENT, a)).toList();

    LatestStateBoltTest() {
        bolt.prepare(fx.conf(), fx.context("latest-state"), collector);
    }

    private void deliverAndFlush() {
        tuples.forEach(bolt::execute);
        bolt.execute(BoltFixtures.tick());
    }

    @Test
    void aBatchIsWrittenOnceAndEveryTupleAckedAfterTheWrite() {
        deliverAndFlush();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ScoredObservation>> batch = ArgumentCaptor.forClass(List.class);
        verify(writer).write(batch.capture());
        assertThat(batch.getValue()).extracting(s -> s.observation().heartRate()).containsExactly(80.0, 81.0, 82.0);
        tuples.forEach(t -> verify(collector).ack(t));
        verify(collector, never()).fail(any());
    }

    @Test
    void anOutageFailsEveryTupleOfTheBatchUntilTheRetriesRunOutThenDeadLettersAndAcksThem() {
        doThrow(new JedisConnectionException("Connection reset")).when(writer).write(anyList());

        for (int i = 0; i < BoltFixtures.MAX_RETRIES; i++) {
            deliverAndFlush();
        }
        tuples.forEach(t -> verify(collector, times(BoltFixtures.MAX_RETRIES)).fail(t));
        verify(collector, never()).ack(any());

        deliverAndFlush();
        ArgumentCaptor<Values> letters = ArgumentCaptor.forClass(Values.class);
        verify(collector, times(3)).emit(eq(TupleFields.OUTBOUND_STREAM), any(Tuple.class), letters.capture());
        assertThat(letters.getAllValues()).extracting(DeadLetterAssert::reasonCode).containsOnly("RETRIES_EXHAUSTED");
        tuples.forEach(t -> verify(collector).ack(t));
        assertThat(fx.count("vitalstorm.writeFailures")).isEqualTo(BoltFixtures.MAX_RETRIES + 1);
    }

    @Test
    void aDeterministicWriteFailureIsGivenUpAtOnce() {
        doThrow(new IllegalArgumentException("value cannot be encoded")).when(writer).write(anyList());
        deliverAndFlush();

        ArgumentCaptor<Values> letters = ArgumentCaptor.forClass(Values.class);
        verify(collector, times(3)).emit(eq(TupleFields.OUTBOUND_STREAM), any(Tuple.class), letters.capture());
        assertThat(letters.getAllValues()).extracting(DeadLetterAssert::reasonCode).containsOnly("INTERNAL_ERROR");
        verify(collector, never()).fail(any());
    }

    @Test
    void theBatchIsWrittenWhenTheExecutorRunsOutOfInputNotAfterAFixedWait() throws Exception {
        FlushOnIdleWaitStrategy waiting = new FlushOnIdleWaitStrategy();
        waiting.prepare(org.apache.storm.utils.Utils.readDefaultConfig(), IWaitStrategy.WaitSituation.BOLT_WAIT);
        Map<String, Object> conf = new HashMap<>(fx.conf());
        conf.put(LatestStateBolt.MAX_DELAY_MS.key(), 1_000); // no delay runs out during the test, however slow
        LatestStateBolt patient = new LatestStateBolt(s -> writer);
        patient.prepare(conf, fx.context("latest-state"), collector);
        tuples.forEach(patient::execute);
        verify(writer, never()).write(anyList());

        waiting.idle(1); // still idle since the last flush: nothing new to do
        verify(writer, never()).write(anyList());
        waiting.idle(0); // the queue just ran dry: this executor's batch goes now
        verify(writer).write(anyList());
        tuples.forEach(t -> verify(collector).ack(t));

        patient.cleanup();
        patient.execute(tuples.get(0));
        waiting.idle(0);
        verify(writer).write(anyList()); // a cleaned-up bolt is no longer flushed from here
    }

    @Test
    void underASteadyStreamTheConfiguredDelayBoundsTheWait() {
        Map<String, Object> conf = new HashMap<>(fx.conf());
        conf.put(LatestStateBolt.MAX_DELAY_MS.key(), 0);
        LatestStateBolt eager = new LatestStateBolt(s -> writer);
        eager.prepare(conf, fx.context("latest-state"), collector);
        eager.execute(tuples.get(0));
        verify(writer).write(anyList());
        eager.cleanup();
    }

    @Test
    void theDelayIsDocumentedAsDeclared() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(Setting.undocumented(doc, List.of(LatestStateBolt.MAX_DELAY_MS))).isEmpty();
    }
}
