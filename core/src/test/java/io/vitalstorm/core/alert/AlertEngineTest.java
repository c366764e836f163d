package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.risk.AlertCondition;
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

/**
 * The alert lifecycle with the default thresholds: trigger LOW_MEDIUM, resolve after 15 minutes
 * below it, escalate after 15 minutes unacknowledged, 10 minutes cooldown, NO_DATA after 10
 * minutes of silence (all event time, silence in arrival time).
 */
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
        assertThat(open.condition()).isEqualTo(AlertCondition.NEWS2);
        assertThat(open.patientId()).isEqualTo("P1");
        assertThat(open.ts()).isEqualTo(minute(5));
        assertThat(open.band()).isEqualTo(LOW_MEDIUM);
        assertThat(open.news2()).isEqualTo(3);
        assertThat(open.alertId()).isEqualTo(AlertIds.alert("P1", AlertCondition.NEWS2, minute(5)));
        assertThat(open.eventId()).isEqualTo(AlertIds.event(open.alertId(), 0, AlertState.OPEN));
        assertThat(open.reason()).isEqualTo("spot check NEWS2 3 (LOW_MEDIUM)");
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
    void idsDifferByPatientConditionOpeningTimeAndTransition() {
        String p1 = ward.expectEvent(0, "P1", MEDIUM).alertId();
        String p2 = ward.expectEvent(0, "P2", MEDIUM).alertId();
        String p1Later = AlertScenario.withDefaults().expectEvent(1, "P1", MEDIUM).alertId();

        assertThat(p1).isNotEqualTo(p2).isNotEqualTo(p1Later)
                .isNotEqualTo(AlertIds.alert("P1", AlertCondition.DETERIORATING, minute(0)));
        assertThat(AlertIds.event(p1, 0, AlertState.OPEN)).isNotEqualTo(AlertIds.event(p2, 0, AlertState.OPEN))
                .isNotEqualTo(AlertIds.event(p1, 1, AlertState.ESCALATED))
                .isNotEqualTo(AlertIds.event(p1, 1, AlertState.OPEN));
    }

    @Test
    void anAcknowledgedAlertStaysQuietWhileTheBandHolds() {
        AlertEvent open = ward.expectEvent(0, "P1", MEDIUM);
        AlertEvent ack = ward.ack("P1", open.alertId(), "Dr Osei", 3).event();
        assertThat(ack.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(ack.actor()).isEqualTo("Dr Osei");
        assertThat(ack.ts()).isEqualTo(minute(3));
        assertThat(ack.reason()).isEqualTo("acknowledged by Dr Osei");
        assertThat(ack.eventId()).isEqualTo(AlertIds.event(open.alertId(), 1, AlertState.ACKNOWLEDGED));
        for (long m = 5; m <= 120; m += 5) {
            assertThat(ward.at(m, "P1", m % 10 == 0 ? MEDIUM : LOW_MEDIUM)).isEmpty();
        }
        assertThat(ward.engine().openAlerts()).isEqualTo(1);
    }

    @Test
    void nobodyAcknowledgingEscalatesEveryFifteenMinutesUntilSomeoneDoes() {
        AlertEvent open = ward.expectEvent(0, "P1", MEDIUM);
        assertThat(ward.at(14, "P1", MEDIUM)).isEmpty();
        AlertEvent reminder = ward.expectEvent(15, "P1", MEDIUM);
        assertThat(reminder.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(reminder.reason()).isEqualTo("not acknowledged within 15 min");
        assertThat(reminder.alertId()).isEqualTo(open.alertId());
        assertThat(ward.at(29, "P1", MEDIUM)).isEmpty();
        AlertEvent second = ward.expectEvent(30, "P1", MEDIUM);
        assertThat(second.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(second.eventId()).isNotEqualTo(reminder.eventId());

        ward.ack("P1", open.alertId(), "Dr Osei", 31);
        assertThat(ward.at(45, "P1", MEDIUM)).isEmpty();
        assertThat(ward.at(90, "P1", MEDIUM)).isEmpty();
    }

    @Test
    void aWorseBandEscalatesAndNeedsANewAcknowledgement() {
        AlertEvent open = ward.expectEvent(0, "P1", MEDIUM);
        ward.ack("P1", open.alertId(), "Dr Osei", 1);

        AlertEvent escalated = ward.expectEvent(5, "P1", HIGH);
        assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
        assertThat(escalated.alertId()).isEqualTo(open.alertId());
        assertThat(escalated.band()).isEqualTo(HIGH);
        assertThat(escalated.reason()).isEqualTo("risk rose from MEDIUM to HIGH: spot check NEWS2 8 (HIGH)");

        assertThat(ward.at(10, "P1", HIGH)).isEmpty();
        assertThat(ward.at(15, "P1", MEDIUM)).as("back to MEDIUM is no escalation").isEmpty();
        assertThat(ward.expectEvent(20, "P1", HIGH).reason()).as("15 min after the escalation, unacknowledged")
                .isEqualTo("not acknowledged within 15 min");
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
    void acknowledgementsOfUnknownOrResolvedAlertsAreRefusedAndRepeatsIgnored() {
        assertThat(ward.ack("P1", "no-such-alert", "Dr Osei", 0).refusal())
                .isEqualTo("patient P1 has no alert no-such-alert");
        AlertEvent open = ward.expectEvent(0, "P1", MEDIUM);
        assertThat(ward.ack("P1", open.alertId(), "Dr Osei", 1).event()).isNotNull();
        AlertEngine.AckOutcome repeat = ward.ack("P1", open.alertId(), "Dr Osei", 2);
        assertThat(repeat.event()).isNull();
        assertThat(repeat.refused()).isFalse();
        ward.at(5, "P1", LOW);
        ward.expectEvent(20, "P1", LOW);
        assertThat(ward.ack("P1", open.alertId(), "Dr Lind", 21).refusal()).endsWith("is already resolved");
    }

    @Test
    void resolvesOnlyAfterFifteenMinutesBelowTheTrigger() {
        AlertEvent open = ward.expectEvent(0, "P1", HIGH);
        ward.ack("P1", open.alertId(), "Dr Osei", 1);
        assertThat(ward.at(10, "P1", LOW)).isEmpty();
        assertThat(ward.at(24, "P1", LOW)).isEmpty();
        assertThat(ward.feed(Obs.inBand("P1", LOW).at(minute(25) - 1))).isEmpty();

        AlertEvent resolved = ward.expectEvent(25, "P1", LOW);

        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.eventId()).isEqualTo(AlertIds.event(open.alertId(), 2, AlertState.RESOLVED));
        assertThat(resolved.reason()).isEqualTo("no longer holds for 15 min (NEWS2 0, LOW)");
        assertThat(ward.engine().openAlerts()).isZero();
        assertThat(ward.at(30, "P1", LOW)).isEmpty();
    }

    @Test
    void aRiseWhileBelowTheTriggerRestartsTheResolveClock() {
        AlertEvent open = ward.expectEvent(0, "P1", HIGH);
        ward.ack("P1", open.alertId(), "Dr Osei", 1);
        assertThat(ward.at(10, "P1", LOW)).isEmpty();
        assertThat(ward.at(20, "P1", MEDIUM)).isEmpty();
        assertThat(ward.at(22, "P1", LOW)).isEmpty();
        assertThat(ward.at(25, "P1", LOW)).as("15 min after the first LOW, but the clock restarted").isEmpty();
        assertThat(ward.at(36, "P1", LOW)).isEmpty();

        assertThat(ward.expectEvent(37, "P1", LOW).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void theCooldownHoldsBackARelapseAtTheSameBandButNotAWorseOne() {
        AlertEvent first = ward.expectEvent(0, "P1", MEDIUM);
        ward.at(5, "P1", LOW);
        assertThat(ward.expectEvent(20, "P1", LOW).state()).isEqualTo(AlertState.RESOLVED);

        assertThat(ward.at(25, "P1", MEDIUM)).as("5 min after resolving, same band").isEmpty();
        assertThat(ward.engine().suppressedByCooldown()).isEqualTo(1);
        AlertEvent worse = ward.expectEvent(26, "P1", HIGH);
        assertThat(worse.state()).isEqualTo(AlertState.OPEN);
        assertThat(worse.alertId()).isNotEqualTo(first.alertId());
    }

    @Test
    void aNewAlertAfterTheCooldownGetsANewAlertId() {
        AlertEvent first = ward.expectEvent(0, "P1", MEDIUM);
        ward.at(5, "P1", LOW);
        assertThat(ward.expectEvent(20, "P1", LOW).state()).isEqualTo(AlertState.RESOLVED);

        AlertEvent second = ward.expectEvent(50, "P1", MEDIUM);

        assertThat(second.state()).isEqualTo(AlertState.OPEN);
        assertThat(second.alertId()).isNotEqualTo(first.alertId())
                .isEqualTo(AlertIds.alert("P1", AlertCondition.NEWS2, minute(50)));
        assertThat(second.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void aSilentDeviceGetsNoDataOnceAndItResolvesWhenReadingsReturn() {
        ward.at(0, "P1", LOW);
        ward.at(2, "P1", LOW);
        assertThat(ward.clock(12)).as("exactly 10 min of silence").isEmpty();

        java.util.List<AlertEvent> silent = ward.clock(13);
        assertThat(silent).hasSize(1);
        AlertEvent noData = silent.get(0);
        assertThat(noData.condition()).isEqualTo(AlertCondition.NO_DATA);
        assertThat(noData.state()).isEqualTo(AlertState.OPEN);
        assertThat(noData.ts()).isEqualTo(minute(12));
        assertThat(noData.alertId()).isEqualTo(AlertIds.alert("P1", AlertCondition.NO_DATA, minute(2)));
        assertThat(noData.reason()).isEqualTo("no readings for 10.0 min since 2024-03-01T08:02:00Z");
        assertThat(ward.clock(30)).as("one NO_DATA per silence").isEmpty();

        AlertEvent back = ward.at(31, "P1", LOW).orElseThrow();
        assertThat(back.condition()).isEqualTo(AlertCondition.NO_DATA);
        assertThat(back.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(back.alertId()).isEqualTo(noData.alertId());
        assertThat(ward.engine().openAlerts()).isZero();
    }

    @Test
    void aDischargeResolvesEveryOpenAlertAndEndsTheSilenceWatch() {
        AlertEvent open = ward.expectEvent(0, "P1", HIGH);
        ward.at(2, "P1", HIGH);

        java.util.List<AlertEvent> out = ward.engine().onDischarge("P1", minute(3), "HL7 ADT^A03 M1",
                (p, ts) -> AlertContexts.withoutVitals(io.vitalstorm.core.testsupport.Profiles.scale1(p), true, ts));

        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.alertId()).isEqualTo(open.alertId());
            assertThat(e.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(e.reason()).isEqualTo("discharged (HL7 ADT^A03 M1)");
            assertThat(e.ts()).isEqualTo(minute(3));
        });
        assertThat(ward.engine().openAlerts()).isZero();
        assertThat(ward.clock(60)).as("no NO_DATA for a discharged patient").isEmpty();
        assertThat(ward.engine().onDischarge("P1", minute(4), null, (p, ts) -> null)).as("nothing left to resolve")
                .isEmpty();
    }

    @Test
    void patientsAreTrackedIndependently() {
        AlertEvent p1 = ward.expectEvent(0, "P1", HIGH);
        ward.ack("P1", p1.alertId(), "Dr Osei", 1);
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
        assertThat(open.reason()).isEqualTo("spot check NEWS2 8 (HIGH)");
        strict.ack("P1", open.alertId(), "Dr Osei", 16);
        assertThat(strict.at(20, "P1", MEDIUM)).isEmpty();

        AlertEvent resolved = strict.expectEvent(35, "P1", MEDIUM);
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.reason()).isEqualTo("no longer holds for 15 min (NEWS2 5, MEDIUM)");
    }

    @Test
    void zeroResolveTimeResolvesOnTheFirstReadingBelowTheTrigger() {
        AlertScenario immediate = new AlertScenario(new Thresholds(LOW_MEDIUM, Duration.ZERO, ScoringTables.RCP_2017));
        immediate.expectEvent(0, "P1", MEDIUM);
        assertThat(immediate.expectEvent(1, "P1", LOW).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void episodesSurviveTheirTextForm() {
        Episode e = Episode.builder(AlertCondition.NEWS2, "a-1").state(AlertState.ESCALATED).seq(3)
                .worst(RiskBand.HIGH).band(RiskBand.MEDIUM).news2(6).openedAt(100L).lastTransitionTs(456L)
                .belowSince(123L).lastNotifiedAt(400L).acknowledgedBy("Dr O|sei")
                .lastReason("risk rose from MEDIUM to HIGH | odd").build();
        Episode back = Episode.decode(e.encode());
        assertThat(back.alertId()).isEqualTo("a-1");
        assertThat(back.seq()).isEqualTo(3);
        assertThat(back.belowSince()).isEqualTo(123L);
        assertThat(back.acknowledgedBy()).isEqualTo("Dr O/sei");
        assertThat(back.lastReason()).isEqualTo("risk rose from MEDIUM to HIGH / odd");
        assertThat(back.open()).isTrue();
        Episode resolved = Episode.builder(AlertCondition.NO_DATA, "a-2").state(AlertState.RESOLVED).seq(1)
                .worst(RiskBand.LOW).band(RiskBand.LOW).news2(0).openedAt(1L).lastTransitionTs(2L).lastNotifiedAt(1L)
                .lastReason("back").build();
        assertThat(Episode.decode(resolved.encode()).acknowledgedBy()).isNull();
    }
}
