package io.vitalstorm.bolts;

import io.vitalstorm.bolts.serde.AlertTransitionCodec;
import io.vitalstorm.coordination.LiveThresholds;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertHistory;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.alert.PastTransition;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.storage.PatientDirectory;
import org.apache.storm.topology.BasicOutputCollector;
import org.apache.storm.topology.ReportedFailedException;
import org.apache.storm.tuple.Tuple;
import org.apache.storm.tuple.Values;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class AlertBoltTest {

    private final BoltFixtures fx = BoltFixtures.create();
    private final LiveThresholds thresholds = mock(LiveThresholds.class);
    private final PatientDirectory directory = mock(PatientDirectory.class);
    private final EpisodeStore episodes = mock(EpisodeStore.class);
    private final AlertBolt bolt = new AlertBolt(s -> thresholds, s -> directory, s -> episodes);
    private final BasicOutputCollector out = mock(BasicOutputCollector.class);
    private final Assessment lowBloodPressure =
            BoltFixtures.assessed(BoltFixtures.spotCheck("P1", BoltFixtures.T0, 88)).get(0);

    AlertBoltTest() {
        when(thresholds.forPatient(anyString(), anyString())).thenReturn(Thresholds.DEFAULTS);
        when(episodes.load(anyString())).thenReturn(List.of());
        when(directory.find(anyString())).thenReturn(Optional.of(BoltFixtures.profile("P1")));
        bolt.prepare(fx.conf(), fx.context("alert"));
    }

    @Test
    void aTransitionIsSavedThenGoesToTheHistoryTopicForStorageAndToTheClinicianTopicAndIsCounted() {
        bolt.execute(BoltFixtures.carrying(TupleFields.ASSESSMENT, lowBloodPressure), out);

        verify(episodes).save(eq("P1"), any(), eq(true));
        ArgumentCaptor<Values> outbound = ArgumentCaptor.forClass(Values.class);
        verify(out, times(3)).emit(eq(TupleFields.OUTBOUND_STREAM), outbound.capture());
        assertThat(outbound.getAllValues()).extracting(v -> v.get(0))
                .containsExactly("vitalstorm.history", "vitalstorm.alerts.clinician", "vitalstorm.alerts.patient");
        AlertEvent opened = AlertTransitionCodec.decode((byte[]) outbound.getAllValues().get(0).get(2));
        assertThat(opened.state()).isEqualTo(AlertState.OPEN);
        assertThat(fx.count(AlertBolt.TRANSITIONS + "OPEN")).isEqualTo(1);
    }

    /**
     * docs/reliability.md, "An assessment lost between score and alert": score absorbed the reading, its assessment
     * died with the alert task's worker, and the replay reaches a fresh bolt flagged duplicate by the risk engine.
     */
    @Test
    void aReplayScoreAlreadyHoldsOpensTheAlertOnAFreshBoltThatNeverSawItAndASeenOneRepeatsIt() {
        var reading = BoltFixtures.spotCheck("P1", BoltFixtures.T0, 88);
        List<Assessment> scored = BoltFixtures.assessed(reading, reading);
        assertThat(scored.get(1).duplicate()).as("score holds the reading: its replay is a duplicate").isTrue();

        bolt.execute(BoltFixtures.carrying(TupleFields.ASSESSMENT, scored.get(1)), out);
        ArgumentCaptor<Values> outbound = ArgumentCaptor.forClass(Values.class);
        verify(out, times(3)).emit(eq(TupleFields.OUTBOUND_STREAM), outbound.capture());
        AlertEvent opened = AlertTransitionCodec.decode((byte[]) outbound.getAllValues().get(0).get(2));
        assertThat(opened.state()).isEqualTo(AlertState.OPEN);
        AlertEvent undisturbed = new AlertEngine().onAssessment(scored.get(0), Thresholds.DEFAULTS, BoltFixtures.T0)
                .get(0);
        assertThat(opened.eventId()).as("the id of the first delivery's transition").isEqualTo(undisturbed.eventId());

        bolt.execute(BoltFixtures.carrying(TupleFields.ASSESSMENT, scored.get(1)), out);
        ArgumentCaptor<Values> again = ArgumentCaptor.forClass(Values.class);
        verify(out, times(6)).emit(eq(TupleFields.OUTBOUND_STREAM), again.capture());
        assertThat(AlertTransitionCodec.decode((byte[]) again.getAllValues().get(3).get(2)).eventId())
                .as("seen now: the same transition again, nothing new").isEqualTo(opened.eventId());
    }

    /**
     * The same with two readings lost at once: the replay of the older one carries the verdict its first delivery
     * got (the risk engine's record of recent verdicts), not the newer one's, so it opens nothing; the newer one's
     * replay opens the alert at its own time under the undisturbed run's eventId.
     */
    @Test
    void twoReplaysScoreAlreadyHoldsEachCarryTheirOwnVerdictSoOnlyTheNewerOpensTheAlertAsUndisturbed() {
        var normal = BoltFixtures.spotCheck("P1", BoltFixtures.T0, 120);
        var low = BoltFixtures.spotCheck("P1", BoltFixtures.T0 + 5 * 60_000, 88);
        List<Assessment> scored = BoltFixtures.assessed(normal, low, normal, low);
        assertThat(scored.get(2).late() || scored.get(2).duplicate()).as("the older replay is recognised").isTrue();

        bolt.execute(BoltFixtures.carrying(TupleFields.ASSESSMENT, scored.get(2)), out);
        verify(out, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any());
        bolt.execute(BoltFixtures.carrying(TupleFields.ASSESSMENT, scored.get(3)), out);
        ArgumentCaptor<Values> outbound = ArgumentCaptor.forClass(Values.class);
        verify(out, org.mockito.Mockito.atLeastOnce()).emit(eq(TupleFields.OUTBOUND_STREAM), outbound.capture());
        List<AlertEvent> sent = outbound.getAllValues().stream().filter(v -> "vitalstorm.history".equals(v.get(0)))
                .map(v -> AlertTransitionCodec.decode((byte[]) v.get(2))).toList();
        AlertEngine control = new AlertEngine();
        assertThat(control.onAssessment(scored.get(0), Thresholds.DEFAULTS, BoltFixtures.T0)).isEmpty();
        List<AlertEvent> undisturbed = control.onAssessment(scored.get(1), Thresholds.DEFAULTS, low.ts());
        assertThat(sent).extracting(AlertEvent::state).contains(AlertState.OPEN);
        assertThat(sent).extracting(AlertEvent::eventId, AlertEvent::state, AlertEvent::ts)
                .as("the undisturbed run's transitions, at the newer reading's time")
                .isEqualTo(undisturbed.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.eventId(), e.state(),
                        low.ts())).toList());
    }

    @Test
    void anEpisodeStoreOutageFailsTheAssessmentForAReplay() {
        doThrow(new JedisConnectionException("Connection refused")).when(episodes)
                .save(anyString(), any(), anyBoolean());

        assertThatThrownBy(() -> bolt.execute(BoltFixtures.carrying(TupleFields.ASSESSMENT, lowBloodPressure), out))
                .isInstanceOf(ReportedFailedException.class);
        verify(out, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any());
    }

    @Test
    void anAcknowledgementOfAnUnknownAlertIsDeadLetteredWithTheReason() {
        Tuple ack = BoltFixtures.carrying(TupleFields.ACKNOWLEDGEMENT,
                new Acknowledgement("P1", "P1-NEWS2-nope", "dr-5A", BoltFixtures.T0, null));
        bolt.execute(ack, out);

        ArgumentCaptor<Values> letter = ArgumentCaptor.forClass(Values.class);
        verify(out).emit(eq(TupleFields.OUTBOUND_STREAM), letter.capture());
        var n = DeadLetterAssert.deadLetter(letter.getValue());
        assertThat(n.get("reasonCode").asText()).isEqualTo("UNKNOWN_ALERT");
        assertThat(n.get("reason").asText()).contains("P1-NEWS2-nope");
        assertThat(n.get("sourceTopic").asText()).isEqualTo("vitalstorm.alerts.ack");
        assertThat(fx.count(BoltMetrics.DEAD_LETTERS + "UNKNOWN_ALERT")).isEqualTo(1);
    }

    @Test
    void aPatientWithoutEpisodesInRedisGetsThemRebuiltFromTheStoredTransitionsAndNoSecondOpen() {
        List<Assessment> readings = BoltFixtures.assessed(BoltFixtures.spotCheck("P1", BoltFixtures.T0, 88),
                BoltFixtures.spotCheck("P1", BoltFixtures.T0 + 60_000, 88));
        AlertEvent opened = new AlertEngine()
                .onAssessment(readings.get(0), Thresholds.DEFAULTS, BoltFixtures.T0).get(0);
        AlertHistory history = patientId -> List.of(new PastTransition(opened.eventId(), opened.alertId(),
                opened.condition(), opened.state(), opened.band(), opened.news2(), opened.ts(), null, opened.reason()));
        AlertBolt rebuilding = new AlertBolt(s -> thresholds, s -> directory, s -> episodes, s -> history);
        rebuilding.prepare(fx.conf(), fx.context("alert"));

        rebuilding.execute(BoltFixtures.carrying(TupleFields.ASSESSMENT, readings.get(1)), out);

        verify(out, never()).emit(eq(TupleFields.OUTBOUND_STREAM), any());
        ArgumentCaptor<Episode> saved = ArgumentCaptor.forClass(Episode.class);
        verify(episodes).save(eq("P1"), saved.capture(), eq(true));
        assertThat(saved.getValue().alertId()).as("written back to Redis under its id").isEqualTo(opened.alertId());
        assertThat(fx.count(BoltMetrics.STATE_REBUILT)).isEqualTo(1);
    }

    @Test
    void aFailingTransitionsReadIsCountedAndThePatientAlertsAsIfNew() {
        AlertHistory history = patientId -> {
            throw new DriverTimeoutException("Query timed out after PT1S");
        };
        AlertBolt rebuilding = new AlertBolt(s -> thresholds, s -> directory, s -> episodes, s -> history);
        rebuilding.prepare(fx.conf(), fx.context("alert"));

        rebuilding.execute(BoltFixtures.carrying(TupleFields.ASSESSMENT, lowBloodPressure), out);

        verify(out, times(3)).emit(eq(TupleFields.OUTBOUND_STREAM), any());
        assertThat(fx.count(AlertBolt.TRANSITIONS + "OPEN")).isEqualTo(1);
        assertThat(fx.count(BoltMetrics.STATE_REBUILD_FAILURES)).isEqualTo(1);
        assertThat(fx.count(BoltMetrics.STATE_REBUILT)).isZero();
    }
}
