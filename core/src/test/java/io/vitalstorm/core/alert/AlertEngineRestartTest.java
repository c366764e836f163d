package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.testsupport.Profiles;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker restart: a new engine over the same episode store, fed the readings Kafka replays
 * from the last committed offset. Nothing is lost, nothing gets a new id.
 */
class AlertEngineRestartTest {

    private static final String P = "P-RESTART";

    /** Stands in for Redis: a plain map that outlives the engines. */
    private final Map<String, EpisodeSnapshot> durable = new HashMap<>();
    private final EpisodeStore store = new EpisodeStore() {
        @Override
        public Optional<EpisodeSnapshot> load(String patientId) {
            return Optional.ofNullable(durable.get(patientId));
        }

        @Override
        public void save(String patientId, EpisodeSnapshot snapshot) {
            durable.put(patientId, EpisodeSnapshot.decode(snapshot.encode())); // as it would come back from Redis
        }
    };

    private static ScoredObservation reading(long minute, RiskBand band) {
        return Obs.inBand(P, band).atMinute(minute).scoredFor(Profiles.scale1(P));
    }

    @Test
    void theReplayedOpeningReadingReEmitsTheSameEventAndTheEpisodeContinues() {
        AlertEngine before = new AlertEngine(store);
        before.onScore(reading(0, RiskBand.LOW), Thresholds.DEFAULTS);
        AlertEvent opened = before.onScore(reading(5, RiskBand.MEDIUM), Thresholds.DEFAULTS).orElseThrow();

        AlertEngine after = new AlertEngine(store);
        assertThat(after.onScore(reading(0, RiskBand.LOW), Thresholds.DEFAULTS)).isEmpty();
        AlertEvent again = after.onScore(reading(5, RiskBand.MEDIUM), Thresholds.DEFAULTS).orElseThrow();
        assertThat(again.eventId()).isEqualTo(opened.eventId());
        assertThat(again.state()).isEqualTo(AlertState.OPEN);
        assertThat(again.reason()).isEqualTo(opened.reason());

        AlertEvent escalated = after.onScore(reading(10, RiskBand.HIGH), Thresholds.DEFAULTS).orElseThrow();
        assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(escalated.alertId()).isEqualTo(opened.alertId());
        assertThat(after.openAlerts()).isEqualTo(1);
    }

    @Test
    void aReplayedResolutionIsEmittedAgainAndANewEpisodeGetsANewId() {
        AlertEngine before = new AlertEngine(store);
        AlertEvent opened = before.onScore(reading(0, RiskBand.HIGH), Thresholds.DEFAULTS).orElseThrow();
        before.onScore(reading(5, RiskBand.LOW), Thresholds.DEFAULTS);
        AlertEvent resolved = before.onScore(reading(25, RiskBand.LOW), Thresholds.DEFAULTS).orElseThrow();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);

        AlertEngine after = new AlertEngine(store);
        assertThat(after.onScore(reading(5, RiskBand.LOW), Thresholds.DEFAULTS)).isEmpty();
        assertThat(after.onScore(reading(25, RiskBand.LOW), Thresholds.DEFAULTS))
                .map(AlertEvent::eventId).contains(resolved.eventId());
        AlertEvent reopened = after.onScore(reading(40, RiskBand.MEDIUM), Thresholds.DEFAULTS).orElseThrow();
        assertThat(reopened.state()).isEqualTo(AlertState.OPEN);
        assertThat(reopened.alertId()).isNotEqualTo(opened.alertId());
    }

    @Test
    void theResolveClockSurvivesARestart() {
        AlertEngine before = new AlertEngine(store);
        before.onScore(reading(0, RiskBand.HIGH), Thresholds.DEFAULTS);
        before.onScore(reading(5, RiskBand.LOW), Thresholds.DEFAULTS); // below since minute 5

        AlertEngine after = new AlertEngine(store);
        assertThat(after.onScore(reading(19, RiskBand.LOW), Thresholds.DEFAULTS)).isEmpty();
        assertThat(after.onScore(reading(20, RiskBand.LOW), Thresholds.DEFAULTS))
                .map(AlertEvent::state).contains(AlertState.RESOLVED);
    }

    @Test
    void snapshotsSurviveTheirTextForm() {
        EpisodeSnapshot s = new EpisodeSnapshot("a-1", RiskBand.HIGH, 123L, 456L, AlertState.ESCALATED, RiskBand.HIGH,
                "risk rose from MEDIUM to HIGH (NEWS2 9) | odd");
        EpisodeSnapshot back = EpisodeSnapshot.decode(s.encode());
        assertThat(back.alertId()).isEqualTo("a-1");
        assertThat(back.belowTriggerSince()).isEqualTo(123L);
        assertThat(back.lastReason()).isEqualTo("risk rose from MEDIUM to HIGH (NEWS2 9) / odd");
        assertThat(back.open()).isTrue();
    }
}
