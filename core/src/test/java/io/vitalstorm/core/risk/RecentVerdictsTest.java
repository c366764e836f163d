package io.vitalstorm.core.risk;

import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.testsupport.InMemoryStores;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay flagged duplicate or late carries the verdict its first delivery got (docs/reliability.md,
 * "An assessment lost between score and alert"): several readings of a patient lost on the way to the
 * alert engine at once, replayed oldest first, make the transitions of an undisturbed run under its
 * eventIds, also when the risk engine was restored from its checkpoint in between.
 */
class RecentVerdictsTest {

    private static final String P = "P-VERDICT";
    private static final PatientProfile PROFILE = PatientProfile.unknown(P);

    /** Spot checks 5 min apart (the cluster test's ward): NEWS2 0, 4 (rise: DETERIORATING), 5 (MEDIUM), 10 (HIGH). */
    private static final List<Observation> DETERIORATING = List.of(
            full(0, 80, 16, 97, 125, 37.0),
            full(5, 95, 21, 95, 118, 37.8),
            full(10, 105, 22, 95, 108, 38.0),
            full(15, 118, 25, 93, 98, 38.6));

    private final Map<String, byte[]> checkpoints = new HashMap<>();
    private final RiskStateStore riskStore = InMemoryStores.riskStates(checkpoints, checkpoints);

    private static Observation full(int minute, int hr, int rr, int spo2, int sbp, double temp) {
        return Obs.of(P).device("monitor-" + P).atMinute(minute).hr(hr).rr(rr).spo2(spo2).sbp(sbp).temp(temp)
                .acvpu(Consciousness.ALERT).air().build();
    }

    private static Assessment assess(RiskAssessor r, Observation o) {
        return r.assess(new EnrichedObservation(o, PROFILE, true), Thresholds.DEFAULTS);
    }

    private static List<AlertEvent> alert(AlertEngine alerts, Assessment a) {
        return alerts.onAssessment(a, Thresholds.DEFAULTS, a.ts());
    }

    /** The transitions without their cause (a replay is scored as it stands). */
    private static List<String> transitions(List<AlertEvent> events) {
        return events.stream().map(e -> e.eventId() + " " + e.alertId() + " " + e.condition() + " " + e.state() + " "
                + e.band() + " " + e.news2() + " " + e.ts() + " " + e.reason()).toList();
    }

    private static List<AlertEvent> undisturbed() {
        RiskAssessor risk = new RiskAssessor(RiskStateStore.none());
        AlertEngine alerts = new AlertEngine();
        List<AlertEvent> out = new ArrayList<>();
        DETERIORATING.forEach(o -> out.addAll(alert(alerts, assess(risk, o))));
        return out;
    }

    @Test
    void threeReadingsLostOnTheWayToTheAlertEngineReplayedOldestFirstMakeTheUndisturbedTransitions() {
        assertThat(transitions(undisturbed())).as("DETERIORATING opens, NEWS2 opens and escalates").hasSize(3);
        assertThat(transitions(lostAndReplayed(false))).isEqualTo(transitions(undisturbed()));
    }

    @Test
    void theVerdictsSurviveTheRiskCheckpointSoAReplayAfterARestoreCarriesItsOwnToo() {
        assertThat(transitions(lostAndReplayed(true))).isEqualTo(transitions(undisturbed()));
    }

    /**
     * The risk engine absorbs all four readings; the alert engine gets only the first one's assessment, then its
     * task dies (episodes stored) and a fresh engine gets the replays of the other three, oldest first.
     */
    private List<AlertEvent> lostAndReplayed(boolean restoreRisk) {
        EpisodeStore episodes = InMemoryStores.episodes();
        RiskAssessor risk = new RiskAssessor(riskStore, () -> 0L);
        List<Assessment> first = new ArrayList<>();
        DETERIORATING.forEach(o -> first.add(assess(risk, o)));
        List<AlertEvent> out = new ArrayList<>(alert(new AlertEngine(episodes), first.get(0)));
        RiskAssessor replaying = risk;
        if (restoreRisk) {
            risk.checkpoint();
            replaying = new RiskAssessor(riskStore, () -> 0L);
        }
        AlertEngine restarted = new AlertEngine(episodes);
        for (int k = 1; k < DETERIORATING.size(); k++) {
            Assessment replay = assess(replaying, DETERIORATING.get(k));
            assertThat(replay.duplicate() || replay.late()).as("replay %d is recognised", k).isTrue();
            assertThat(replay.news2()).as("replay %d carries its first verdict", k).isEqualTo(first.get(k).news2());
            assertThat(replay.trend()).isEqualTo(first.get(k).trend());
            out.addAll(alert(restarted, replay));
        }
        return out;
    }

    @Test
    void theRecordIsBoundedAndAReplayOlderThanItCarriesTheCurrentVerdict() {
        RiskAssessor risk = new RiskAssessor(RiskStateStore.none());
        Assessment low = assess(risk, full(0, 80, 16, 97, 125, 37.0));
        for (int k = 1; k <= RecentVerdicts.SIZE; k++) {
            assess(risk, Obs.inBand(P, RiskBand.HIGH).device("monitor-" + P).atMinute(k).build());
        }
        Assessment replay = assess(risk, full(0, 80, 16, 97, 125, 37.0));
        assertThat(replay.late()).isTrue();
        assertThat(low.news2().band()).isEqualTo(RiskBand.LOW);
        assertThat(replay.news2().band()).as("out of the record: the current verdict, as before")
                .isEqualTo(RiskBand.HIGH);
    }

    @Test
    void aLateFirstDeliveryGetsTheCurrentVerdictAndItsReplayTheSame() {
        RiskAssessor risk = new RiskAssessor(RiskStateStore.none());
        assess(risk, full(0, 80, 16, 97, 125, 37.0));
        assess(risk, Obs.inBand(P, RiskBand.HIGH).device("monitor-" + P).atMinute(5).build());
        Observation lateOne = Obs.normal(P).device("monitor-" + P).at(Obs.T0 + 10_000).build(); // first bucket's
        Assessment late = assess(risk, lateOne);
        assess(risk, Obs.inBand(P, RiskBand.LOW).device("monitor-" + P).atMinute(10).build());
        Assessment replay = assess(risk, lateOne);
        assertThat(late.late()).isTrue();
        assertThat(replay.news2()).isEqualTo(late.news2());
        assertThat(replay.trend()).isEqualTo(late.trend());
    }
}
