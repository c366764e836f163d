package io.vitalstorm.bolts;

import io.vitalstorm.coordination.LiveThresholds;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.ReadingHistory;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.thresholds.Thresholds;
import org.apache.storm.task.OutputCollector;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class RiskScoringBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final LiveThresholds thresholds = mock(LiveThresholds.class);
    private final RiskStateStore states = mock(RiskStateStore.class);
    private final RiskScoringBolt bolt = new RiskScoringBolt(s -> thresholds, s -> states);
    private final OutputCollector collector = mock(OutputCollector.class);
    private final Tuple reading = BoltFixtures.carrying(TupleFields.ENRICHED,
            BoltFixtures.enriched(BoltFixtures.spotCheck("P1", BoltFixtures.T0, 88)));

    RiskScoringBoltTest() {
        when(thresholds.forPatient(anyString(), anyString())).thenReturn(Thresholds.DEFAULTS);
        when(states.load(anyString())).thenReturn(Optional.empty());
        bolt.prepare(fx.conf(), fx.context("score"), collector);
    }

    @Test
    void theAssessmentGoesOnAnchoredAtOnceAndTheReadingIsAckedAfterItsCheckpoint() {
        bolt.execute(reading);

        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(collector).emit(eq(reading), emitted.capture());
        Assessment a = (Assessment) emitted.getValue().get(1);
        assertThat(a.news2().active()).as("a spot check with SBP 88 counts at once").isTrue();
        verify(collector, never()).ack(any());

        bolt.execute(BoltFixtures.tick());
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, byte[]>> saved = ArgumentCaptor.forClass(Map.class);
        verify(states).saveAll(saved.capture());
        assertThat(saved.getValue()).containsOnlyKeys("P1");
        verify(collector).ack(reading);
        assertThat(bolt.patientsInMemory()).isEqualTo(1);
    }

    @Test
    void aReadingDeliveredAgainGoesOnFlaggedAsDuplicateAndBothAreAckedAfterTheCheckpoint() {
        Tuple replay = BoltFixtures.carrying(TupleFields.ENRICHED,
                BoltFixtures.enriched(BoltFixtures.spotCheck("P1", BoltFixtures.T0, 88)));
        bolt.execute(reading);
        bolt.execute(replay);

        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(collector).emit(eq(replay), emitted.capture());
        assertThat(((Assessment) emitted.getValue().get(1)).duplicate()).as("the alert bolt re-sends, acts on nothing")
                .isTrue();
        bolt.execute(BoltFixtures.tick());
        verify(collector).ack(reading);
        verify(collector).ack(replay);
    }

    @Test
    void aStateStoreOutageWhileRestoringFailsTheReadingForAReplay() {
        when(states.load("P1")).thenThrow(new JedisConnectionException("Connection refused"));
        bolt.execute(reading);

        verify(collector).fail(reading);
        verify(collector, never()).emit(any(Tuple.class), any());
        assertThat(fx.count(BoltMetrics.RETRIES)).isEqualTo(1);
    }

    @Test
    void aFailedCheckpointFailsTheReadingsItCovers() {
        doThrow(new JedisConnectionException("Connection reset")).when(states).saveAll(anyMap());
        bolt.execute(reading);
        bolt.execute(BoltFixtures.tick());

        verify(collector).fail(reading);
        verify(collector, never()).ack(reading);
        // the score bolt's only batch write is the checkpoint: its write failures are the checkpoint failures
        assertThat(fx.count("vitalstorm.writeFailures")).isEqualTo(1);
    }

    @Test
    void aReadingTooLateForItsWindowIsScoredAndCounted() {
        long hour = 3_600_000L;
        Tuple first = band(BoltFixtures.T0, 80);
        Tuple later = band(BoltFixtures.T0 + 2 * hour, 82);
        // in the first reading's bucket, which the later one closed
        Tuple late = band(BoltFixtures.T0 + 1_000, 81);
        bolt.execute(first);
        bolt.execute(later);
        assertThat(fx.count("vitalstorm.lateReadings")).isZero();

        bolt.execute(late);
        assertThat(fx.count("vitalstorm.lateReadings")).isEqualTo(1);
        verify(collector).emit(eq(late), any(Values.class));
    }

    private static Tuple band(long ts, double heartRate) {
        return BoltFixtures.carrying(TupleFields.ENRICHED,
                BoltFixtures.enriched(BoltFixtures.wristBand("P1", ts, heartRate)));
    }

    @Test
    void aPatientWithoutCheckpointIsRebuiltFromTheHistoryAndScoredAsIfItNeverLostIt() {
        List<Observation> past = new ArrayList<>();
        for (int i = 20; i > 0; i--) {
            past.add(BoltFixtures.wristBand("P2", BoltFixtures.T0 - i * 30_000L, 135));
        }
        Observation now = BoltFixtures.wristBand("P2", BoltFixtures.T0, 135);
        ReadingHistory history = mock(ReadingHistory.class);
        when(history.readings(eq("P2"), anyLong(), eq(BoltFixtures.T0))).thenReturn(past);
        Assessment a = assessOnce(history, now);

        List<Observation> all = new ArrayList<>(past);
        all.add(now);
        List<Assessment> oracle = BoltFixtures.assessed(all.toArray(Observation[]::new));
        assertThat(a).as("the engine that saw every reading").isEqualTo(oracle.get(oracle.size() - 1));
        assertThat(a).as("not what a patient started afresh gets").isNotEqualTo(BoltFixtures.assessed(now).get(0));
        assertThat(fx.count(BoltMetrics.STATE_REBUILT)).isEqualTo(1);
        assertThat(fx.count(BoltMetrics.STATE_REBUILD_FAILURES)).isZero();
    }

    @Test
    void aFailingHistoryReadIsCountedAndThePatientIsScoredAfreshWithoutAReplay() {
        Observation now = BoltFixtures.wristBand("P2", BoltFixtures.T0, 135);
        ReadingHistory history = mock(ReadingHistory.class);
        when(history.readings(anyString(), anyLong(), anyLong()))
                .thenThrow(new DriverTimeoutException("Query timed out after PT1S"));
        Assessment a = assessOnce(history, now);

        assertThat(a).isEqualTo(BoltFixtures.assessed(now).get(0));
        assertThat(fx.count(BoltMetrics.STATE_REBUILD_FAILURES)).isEqualTo(1);
        assertThat(fx.count(BoltMetrics.STATE_REBUILT)).isZero();
        assertThat(fx.count(BoltMetrics.RETRIES)).as("not replayed: alerting does not wait for Cassandra").isZero();
    }

    /** One reading through a bolt with {@code history}, checkpointed and acked; its assessment. */
    private Assessment assessOnce(ReadingHistory history, Observation o) {
        RiskScoringBolt rebuilding = new RiskScoringBolt(s -> thresholds, s -> states, s -> history);
        OutputCollector c = mock(OutputCollector.class);
        rebuilding.prepare(fx.conf(), fx.context("score"), c);
        Tuple t = BoltFixtures.carrying(TupleFields.ENRICHED, BoltFixtures.enriched(o));
        rebuilding.execute(t);
        rebuilding.execute(BoltFixtures.tick());
        verify(c).ack(t);
        verify(c, never()).fail(any());
        ArgumentCaptor<Values> emitted = ArgumentCaptor.forClass(Values.class);
        verify(c).emit(eq(t), emitted.capture());
        return (Assessment) emitted.getValue().get(1);
    }
}
