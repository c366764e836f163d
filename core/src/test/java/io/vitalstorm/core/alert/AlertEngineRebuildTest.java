package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.testsupport.AlertScenario;
import io.vitalstorm.core.testsupport.InMemoryStores;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The episode cache (Redis) restarted empty under a new engine: the patient's episodes come back
 * from the stored transitions, and the engine goes on exactly as one that never lost them (the
 * oracle: the first engine, fed the same readings).
 */
class AlertEngineRebuildTest {

    private static final String P = "P-REBUILD";

    /** What Cassandra's alerts_by_patient would hold: every transition emitted so far. */
    private final List<PastTransition> stored = new ArrayList<>();
    private final AlertScenario oracle = new AlertScenario(Thresholds.DEFAULTS, InMemoryStores.episodes());

    private Optional<AlertEvent> both(AlertScenario rebuilt, long minute, RiskBand band) {
        Optional<AlertEvent> expected = oracle.at(minute, P, band);
        Optional<AlertEvent> actual = rebuilt.at(minute, P, band);
        assertThat(actual).as("minute %d", minute).isEqualTo(expected);
        return actual;
    }

    private Optional<AlertEvent> record(Optional<AlertEvent> e) {
        e.ifPresent(this::record);
        return e;
    }

    private void record(AlertEvent e) {
        stored.add(new PastTransition(e.eventId(), e.alertId(), e.condition(), e.state(), e.band(), e.news2(), e.ts(),
                e.actor(), e.reason()));
    }

    private AlertScenario afterCacheLoss() {
        return new AlertScenario(Thresholds.DEFAULTS, InMemoryStores.episodes(), patientId -> List.copyOf(stored));
    }

    @Test
    void anOpenEscalatedAcknowledgedAlertContinuesUnderItsIdAndItsNextTransitionsAreTheSame() {
        AlertEvent opened = record(oracle.at(0, P, RiskBand.MEDIUM)).orElseThrow();
        record(oracle.at(5, P, RiskBand.HIGH));
        AlertEngine.AckOutcome ack = oracle.ack(P, opened.alertId(), "Dr Osei", 6);
        record(ack.event());

        AlertScenario rebuilt = afterCacheLoss();
        assertThat(both(rebuilt, 7, RiskBand.HIGH)).as("acknowledged: no reminder, no second OPEN").isEmpty();
        assertThat(rebuilt.engine().rebuilt()).isEqualTo(1);
        assertThat(rebuilt.engine().openAlerts()).isEqualTo(1);
        both(rebuilt, 8, RiskBand.LOW);
        AlertEvent resolved = both(rebuilt, 30, RiskBand.LOW).orElseThrow();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(opened.alertId());
        assertThat(rebuilt.engine().rebuildFailures()).isZero();
    }

    @Test
    void aResolvedAlertKeepsItsCooldownAndAReplayOfItsLastReadingReEmitsTheSameEvent() {
        record(oracle.at(0, P, RiskBand.MEDIUM));
        oracle.at(1, P, RiskBand.LOW);
        AlertEvent resolved = record(oracle.at(20, P, RiskBand.LOW)).orElseThrow();

        AlertScenario rebuilt = afterCacheLoss();
        assertThat(rebuilt.at(20, P, RiskBand.LOW)).contains(resolved);
        oracle.at(20, P, RiskBand.LOW);
        for (long minute = 21; minute < 60; minute += 3) {
            both(rebuilt, minute, RiskBand.MEDIUM);
        }
    }

    @Test
    void episodesAreTheOnesTheEngineSavedSaveTheResolveClock() {
        EpisodeStore saved = InMemoryStores.episodes();
        AlertScenario first = new AlertScenario(Thresholds.DEFAULTS, saved);
        AlertEvent opened = record(first.at(0, P, RiskBand.MEDIUM)).orElseThrow();
        record(first.at(4, P, RiskBand.HIGH));
        record(first.ack(P, opened.alertId(), "Dr Osei", 5).event());
        first.clock(90).forEach(this::record); // silence: NO_DATA opens
        record(first.at(200, P, RiskBand.HIGH)); // readings again: NO_DATA resolves

        assertThat(EpisodeRebuild.episodes(stored)).containsExactlyInAnyOrderElementsOf(saved.load(P));
    }

    @Test
    void aNewPatientHasNoEpisodesAndAnUnreadableRecordStartsAfreshCounted() {
        assertThat(EpisodeRebuild.episodes(List.of())).isEmpty();
        AlertScenario broken = new AlertScenario(Thresholds.DEFAULTS, InMemoryStores.episodes(), patientId -> {
            throw new IllegalStateException("Cassandra unavailable");
        });
        assertThat(broken.at(0, P, RiskBand.MEDIUM)).map(AlertEvent::state).contains(AlertState.OPEN);
        assertThat(broken.engine().rebuildFailures()).isEqualTo(1);
        assertThat(broken.engine().rebuilt()).isZero();
    }
}
