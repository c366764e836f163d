package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.testsupport.AlertScenario;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.vitalstorm.core.news2.RiskBand.HIGH;
import static io.vitalstorm.core.news2.RiskBand.LOW;
import static io.vitalstorm.core.news2.RiskBand.LOW_MEDIUM;
import static io.vitalstorm.core.news2.RiskBand.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;

/** Default thresholds: trigger LOW_MEDIUM, resolve after 15 minutes below it (event time). */
class AlertEngineTest {

    private final AlertScenario ward = AlertScenario.withDefaults();

    private static long minute(long m) {
        return Obs.T0 + m * Obs.MINUTE;
    }

    @Test
    void theBandPresetsScoreWhereTheyClaim() {
        assertThat(Obs.inBand("P1", LOW).score().total()).isZero();
        assertThat(Obs.inBand("P1", LOW_MEDIUM).score().band()).isEqualTo(LOW_MEDIUM);
        assertThat(Obs.inBand("P1", MEDIUM).score().band()).isEqualTo(MEDIUM);
        assertThat(Obs.inBand("P1", HIGH).score().band()).isEqualTo(HIGH);
    }

    @Test
    void aStablePatientNeverAlerts() {
        for (long m = 0; m <= 240; m += 5) {
            assertThat(ward.at(m, "P1", LOW)).isEmpty();
        }
        assertThat(ward.engine().openAlerts()).isZero();
    }

    @Test
    void reachingTheTriggerOpensExactlyOnce() {
        assertThat(ward.at(0, "P1", LOW)).isEmpty();

        AlertEvent open = ward.expectEvent(5, "P1", LOW_MEDIUM);

        assertThat(open.state()).isEqualTo(AlertState.OPEN);
        assertThat(open.patientId()).isEqualTo("P1");
        assertThat(open.ts()).isEqualTo(minute(5));
        assertThat(open.alertId()).isEqualTo(AlertIds.episode("P1", minute(5)));
        assertThat(open.eventId()).isEqualTo(AlertIds.event(open.alertId(), AlertState.OPEN, LOW_MEDIUM));
        assertThat(open.reason()).isEqualTo("NEWS2 3 (LOW_MEDIUM) reached the alert trigger LOW_MEDIUM");
        assertThat(open.cause().score().band()).isEqualTo(LOW_MEDIUM);
        assertThat(ward.at(10, "P1", LOW_MEDIUM)).isEmpty();
        assertThat(ward.engine().openAlerts()).isEqualTo(1);
    }

    @Test
    void idsAreDeterministicUuids() {
        AlertEvent first = ward.expectEvent(0, "P1", MEDIUM);
        AlertEvent replayed = AlertScenario.withDefaults().expectEvent(0, "P1", MEDIUM);

        assertThat(replayed.alertId()).isEqualTo(first.alertId());
        assertThat(replayed.eventId()).isEqualTo(first.eventId());
        assertThat(first.eventId()).isNotEqualTo(first.alertId());
        assertThat(UUID.fromString(first.alertId()).version()).isEqualTo(3);
        assertThat(UUID.fromString(first.eventId()).version()).isEqualTo(3);
    }

    @Test
    void idsDifferByPatientAndByOpeningTime() {
        String p1 = ward.expectEvent(0, "P1", MEDIUM).alertId();
        String p2 = ward.expectEvent(0, "P2", MEDIUM).alertId();
        String p1Later = AlertScenario.withDefaults().expectEvent(1, "P1", MEDIUM).alertId();

        assertThat(p1).isNotEqualTo(p2).isNotEqualTo(p1Later);
        assertThat(AlertIds.event(p1, AlertState.OPEN, MEDIUM)).isNotEqualTo(AlertIds.event(p2, AlertState.OPEN, MEDIUM))
                .isNotEqualTo(AlertIds.event(p1, AlertState.ESCALATED, MEDIUM))
                .isNotEqualTo(AlertIds.event(p1, AlertState.OPEN, HIGH));
    }

    @Test
    void stayingAtOrAboveTheTriggerDoesNotAlertAgain() {
        ward.expectEvent(0, "P1", MEDIUM);
        for (long m = 5; m <= 120; m += 5) {
            assertThat(ward.at(m, "P1", m % 10 == 0 ? MEDIUM : LOW_MEDIUM)).isEmpty();
        }
    }

    @Test
    void mediumToHighEscalatesOnceAndBackToMediumDoesNotEscalateAgain() {
        AlertEvent open = ward.expectEvent(0, "P1", MEDIUM);

        AlertEvent escalated = ward.expectEvent(5, "P1", HIGH);
        assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(escalated.alertId()).isEqualTo(open.alertId());
        assertThat(escalated.eventId()).isEqualTo(AlertIds.event(open.alertId(), AlertState.ESCALATED, HIGH));
        assertThat(escalated.reason()).isEqualTo("risk rose from MEDIUM to HIGH (NEWS2 8)");

        assertThat(ward.at(10, "P1", HIGH)).isEmpty();
        assertThat(ward.at(15, "P1", MEDIUM)).isEmpty();
        assertThat(ward.at(20, "P1", HIGH)).isEmpty();
    }

    @Test
    void eachStepUpEscalatesWithItsOwnEventId() {
        AlertEvent open = ward.expectEvent(0, "P1", LOW_MEDIUM);
        AlertEvent toMedium = ward.expectEvent(5, "P1", MEDIUM);
        AlertEvent toHigh = ward.expectEvent(10, "P1", HIGH);

        assertThat(toMedium.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(toHigh.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(toMedium.alertId()).isEqualTo(open.alertId()).isEqualTo(toHigh.alertId());
        assertThat(toMedium.eventId()).isNotEqualTo(toHigh.eventId()).isNotEqualTo(open.eventId());
    }

    @Test
    void resolvesOnlyAfterFifteenMinutesBelowTheTrigger() {
        AlertEvent open = ward.expectEvent(0, "P1", HIGH);
        assertThat(ward.at(10, "P1", LOW)).isEmpty();
        assertThat(ward.at(24, "P1", LOW)).isEmpty();
        assertThat(ward.feed(Obs.inBand("P1", LOW).at(minute(25) - 1))).isEmpty();

        AlertEvent resolved = ward.expectEvent(25, "P1", LOW);

        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.eventId()).isEqualTo(AlertIds.event(open.alertId(), AlertState.RESOLVED, LOW));
        assertThat(resolved.reason()).isEqualTo("below LOW_MEDIUM for 15 min (NEWS2 0)");
        assertThat(ward.engine().openAlerts()).isZero();
        assertThat(ward.at(30, "P1", LOW)).isEmpty();
    }

    @Test
    void aRiseWhileBelowTheTriggerRestartsTheResolveClock() {
        ward.expectEvent(0, "P1", HIGH);
        assertThat(ward.at(10, "P1", LOW)).isEmpty();
        assertThat(ward.at(20, "P1", MEDIUM)).isEmpty();
        assertThat(ward.at(22, "P1", LOW)).isEmpty();
        assertThat(ward.at(25, "P1", LOW)).as("15 min after the first LOW, but the clock restarted").isEmpty();
        assertThat(ward.at(36, "P1", LOW)).isEmpty();

        assertThat(ward.expectEvent(37, "P1", LOW).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void aNewEpisodeAfterResolutionGetsANewAlertId() {
        AlertEvent first = ward.expectEvent(0, "P1", MEDIUM);
        ward.at(5, "P1", LOW);
        assertThat(ward.expectEvent(20, "P1", LOW).state()).isEqualTo(AlertState.RESOLVED);

        AlertEvent second = ward.expectEvent(50, "P1", MEDIUM);

        assertThat(second.state()).isEqualTo(AlertState.OPEN);
        assertThat(second.alertId()).isNotEqualTo(first.alertId()).isEqualTo(AlertIds.episode("P1", minute(50)));
        assertThat(second.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void patientsAreTrackedIndependently() {
        ward.expectEvent(0, "P1", HIGH);
        for (long m = 0; m <= 30; m += 5) {
            assertThat(ward.at(m, "P2", LOW)).isEmpty();
        }
        assertThat(ward.engine().openAlerts()).isEqualTo(1);
        assertThat(ward.expectEvent(31, "P2", LOW_MEDIUM).state()).isEqualTo(AlertState.OPEN);
        assertThat(ward.engine().openAlerts()).isEqualTo(2);
    }

    @Test
    void triggerHighIgnoresMediumAndResolvesBelowHigh() {
        AlertScenario strict = new AlertScenario(new Thresholds(HIGH, Duration.ofMinutes(15), ScoringTables.RCP_2017));
        assertThat(strict.at(0, "P1", LOW_MEDIUM)).isEmpty();
        assertThat(strict.at(5, "P1", MEDIUM)).isEmpty();
        assertThat(strict.at(10, "P1", MEDIUM)).isEmpty();

        AlertEvent open = strict.expectEvent(15, "P1", HIGH);
        assertThat(open.reason()).isEqualTo("NEWS2 8 (HIGH) reached the alert trigger HIGH");
        assertThat(strict.at(20, "P1", MEDIUM)).isEmpty();

        AlertEvent resolved = strict.expectEvent(35, "P1", MEDIUM);
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.reason()).isEqualTo("below HIGH for 15 min (NEWS2 5)");
    }

    @Test
    void zeroResolveTimeResolvesOnTheFirstReadingBelowTheTrigger() {
        AlertScenario immediate = new AlertScenario(new Thresholds(LOW_MEDIUM, Duration.ZERO, ScoringTables.RCP_2017));
        immediate.expectEvent(0, "P1", MEDIUM);
        assertThat(immediate.expectEvent(1, "P1", LOW).state()).isEqualTo(AlertState.RESOLVED);
    }
}
