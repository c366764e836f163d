package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.testsupport.AlertScenario;
import io.vitalstorm.core.testsupport.InMemoryStores;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker restart: a new engine over the same episode store, fed the readings Kafka replays
 * from the last committed offset. Nothing is lost, nothing gets a new id.
 */
class AlertEngineRestartTest {

    private static final String P = "P-RESTART";

    /** Stands in for Redis: episodes that outlive the engines. */
    private final EpisodeStore store = InMemoryStores.episodes();

    private AlertScenario engine() {
        return new AlertScenario(Thresholds.DEFAULTS, store);
    }

    @Test
    void theReplayedOpeningReadingReEmitsTheSameEventAndTheAlertContinues() {
        AlertScenario before = engine();
        before.at(0, P, RiskBand.LOW);
        AlertEvent opened = before.expectEvent(5, P, RiskBand.MEDIUM);

        AlertScenario after = engine();
        assertThat(after.at(0, P, RiskBand.LOW)).isEmpty();
        AlertEvent again = after.expectEvent(5, P, RiskBand.MEDIUM);
        assertThat(again.eventId()).isEqualTo(opened.eventId());
        assertThat(again.state()).isEqualTo(AlertState.OPEN);
        assertThat(again.reason()).isEqualTo(opened.reason());

        AlertEvent escalated = after.expectEvent(10, P, RiskBand.HIGH);
        assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(escalated.alertId()).isEqualTo(opened.alertId());
        assertThat(after.engine().openAlerts()).isEqualTo(1);
    }

    @Test
    void aReplayedResolutionIsEmittedAgainAndANewAlertGetsANewId() {
        AlertScenario before = engine();
        AlertEvent opened = before.expectEvent(0, P, RiskBand.HIGH);
        before.at(5, P, RiskBand.LOW);
        AlertEvent resolved = before.expectEvent(20, P, RiskBand.LOW);
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);

        AlertScenario after = engine();
        assertThat(after.at(5, P, RiskBand.LOW)).isEmpty();
        assertThat(after.at(20, P, RiskBand.LOW)).map(AlertEvent::eventId).contains(resolved.eventId());
        AlertEvent reopened = after.expectEvent(40, P, RiskBand.MEDIUM);
        assertThat(reopened.state()).isEqualTo(AlertState.OPEN);
        assertThat(reopened.alertId()).isNotEqualTo(opened.alertId());
    }

    @Test
    void theResolveClockAndTheAcknowledgementSurviveARestart() {
        AlertScenario before = engine();
        AlertEvent opened = before.expectEvent(0, P, RiskBand.HIGH);
        before.ack(P, opened.alertId(), "Dr Osei", 1);
        before.at(5, P, RiskBand.LOW); // below since minute 5

        AlertScenario after = engine();
        assertThat(after.at(19, P, RiskBand.LOW)).as("acknowledged: no reminder; 14 min below").isEmpty();
        assertThat(after.at(20, P, RiskBand.LOW)).map(AlertEvent::state).contains(AlertState.RESOLVED);
    }
}
