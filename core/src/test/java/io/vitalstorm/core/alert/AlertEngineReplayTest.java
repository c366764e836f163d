package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.Finding;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.testsupport.Profiles;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A replayed reading (flagged duplicate) re-sends what it caused, as it was, and acts on nothing. */
class AlertEngineReplayTest {

    private final AlertEngine engine = new AlertEngine();

    /** A spot check in {@code band} at {@code minute}; a replay carries the risk engine's current findings. */
    private List<AlertEvent> reading(String patient, long minute, RiskBand band, boolean duplicate, RiskBand current) {
        ScoredObservation s = Obs.inBand(patient, band).atMinute(minute).scoredFor(Profiles.scale1(patient));
        boolean holds = current.atLeast(Thresholds.DEFAULTS.alertTrigger());
        Finding news2 = new Finding(AlertCondition.NEWS2, holds, current, s.score().total(),
                holds ? "spot check NEWS2 (" + current + ")" : null);
        Finding trend = Finding.inactive(AlertCondition.DETERIORATING, current, s.score().total());
        return engine.onAssessment(new Assessment(s, false, news2, trend, duplicate), Thresholds.DEFAULTS, s.ts());
    }

    private List<AlertEvent> first(String patient, long minute, RiskBand band) {
        return reading(patient, minute, band, false, band);
    }

    private static String content(AlertEvent e) {
        return e.eventId() + " " + e.state() + " " + e.band() + " " + e.news2() + " " + e.ts() + " " + e.reason();
    }

    @Test
    void aReplayReSendsTheTransitionsItCausedEvenAfterLaterOnesAndNeverAnAcknowledgement() {
        AlertEvent opened = first("P", 0, RiskBand.MEDIUM).get(0);
        AlertEvent escalated = first("P", 1, RiskBand.HIGH).get(0);
        assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
        engine.onAcknowledgement(new Acknowledgement("P", opened.alertId(), "Dr Osei", Obs.T0 + 2 * Obs.MINUTE, null),
                (p, ts) -> AlertContexts.withoutVitals(Profiles.scale1(p), true, ts));
        assertThat(first("P", 3, RiskBand.HIGH)).as("acknowledged, holding: nothing to say").isEmpty();

        assertThat(reading("P", 0, RiskBand.MEDIUM, true, RiskBand.HIGH)).extracting(AlertEngineReplayTest::content)
                .containsExactly(content(opened));
        assertThat(reading("P", 1, RiskBand.HIGH, true, RiskBand.HIGH)).extracting(AlertEngineReplayTest::content)
                .as("the escalation, not the acknowledgement that followed").containsExactly(content(escalated));
        assertThat(reading("P", 3, RiskBand.HIGH, true, RiskBand.HIGH)).isEmpty();
        assertThat(engine.openAlerts()).isEqualTo(1);
    }

    @Test
    void aReplayActsOnNoFindingSoItOpensNothing() {
        assertThat(first("Q", 0, RiskBand.LOW)).isEmpty();
        // the minute-0 reading again, with a current verdict that holds: a new delivery would open an alert
        assertThat(reading("Q", 0, RiskBand.LOW, true, RiskBand.HIGH)).isEmpty();
        assertThat(engine.openAlerts()).isZero();
        AlertEvent opened = first("Q", 1, RiskBand.HIGH).get(0);
        assertThat(opened.ts()).isEqualTo(Obs.T0 + Obs.MINUTE);
        assertThat(engine.openAlerts()).isEqualTo(1);
    }

    /** A store that is down while {@code down} is set, and otherwise keeps the last episode per condition. */
    private static final class FlakyStore implements EpisodeStore {
        boolean down;
        final java.util.Map<String, Episode> saved = new java.util.TreeMap<>();

        @Override
        public List<Episode> load(String patientId) {
            return List.of();
        }

        @Override
        public void save(String patientId, Episode episode, boolean anyOpen) {
            if (down) {
                throw new IllegalStateException("store down");
            }
            saved.put(episode.condition().name(), episode);
        }
    }

    private static Assessment deteriorating(String patient, boolean duplicate) {
        ScoredObservation s = Obs.inBand(patient, RiskBand.HIGH).atMinute(0).scoredFor(Profiles.scale1(patient));
        return new Assessment(s, false,
                new Finding(AlertCondition.NEWS2, true, RiskBand.HIGH, s.score().total(), "spot check NEWS2 (HIGH)"),
                new Finding(AlertCondition.DETERIORATING, true, RiskBand.HIGH, s.score().total(), "NEWS2 rising"),
                duplicate);
    }

    @Test
    void aStoreThatFailsHalfWayLosesNoTransitionOfTheReadingItsReplaySendsAndStoresThemAll() {
        List<String> expected = new AlertEngine().onAssessment(deteriorating("R", false), Thresholds.DEFAULTS, Obs.T0)
                .stream().map(AlertEngineReplayTest::content).toList();
        assertThat(expected).hasSize(2);
        FlakyStore store = new FlakyStore();
        AlertEngine flaky = new AlertEngine(store);

        store.down = true;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> flaky.onAssessment(deteriorating("R", false), Thresholds.DEFAULTS, Obs.T0))
                .hasMessage("store down");
        store.down = false;
        List<AlertEvent> replayed = flaky.onAssessment(deteriorating("R", true), Thresholds.DEFAULTS, Obs.T0 + 5_000);

        assertThat(replayed).extracting(AlertEngineReplayTest::content).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.saved).containsOnlyKeys("NEWS2", "DETERIORATING");
        assertThat(store.saved.values()).allSatisfy(e -> assertThat(e.state()).isEqualTo(AlertState.OPEN));
    }
}
