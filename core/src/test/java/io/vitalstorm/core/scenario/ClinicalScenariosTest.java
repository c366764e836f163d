package io.vitalstorm.core.scenario;

import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertContexts;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.engine.ClinicalEngine;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinical scenarios through the real engine (risk assessor + alert lifecycle, default
 * thresholds) through its facade, fed in arrival order; the arrival clock is the latest event
 * time seen, and the silence check runs at the facade's cadence, the alert bolt's tick.
 */
class ClinicalScenariosTest {

    private static final long T0 = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;

    /** What one run produced. */
    private record Run(List<AlertEvent> events, long late) {
        List<AlertEvent> of(AlertCondition c) {
            return events.stream().filter(e -> e.condition() == c).toList();
        }

        AlertEvent first(Predicate<AlertEvent> p) {
            return events.stream().filter(p).findFirst()
                    .orElseThrow(() -> new AssertionError("no such event in " + events));
        }
    }

    private static Run run(ClinicalScenarios.Scenario s, Spo2Scale scale, long ackAfterMinutes) {
        PatientProfile profile = new PatientProfile(s.patientId(), "Name", 70, "Ward-1", "Team", "Dr", scale, "sms:1");
        ClinicalEngine engine = new ClinicalEngine((p, w) -> Thresholds.DEFAULTS,
                (p, ts) -> AlertContexts.withoutVitals(profile, true, ts));
        List<AlertEvent> events = new ArrayList<>();
        long late = 0;
        for (Observation o : s.readings()) {
            ClinicalEngine.Outcome outcome = engine.onReading(new EnrichedObservation(o, profile, true),
                    Thresholds.DEFAULTS);
            late += outcome.assessment().late() ? 1 : 0;
            events.addAll(outcome.events());
            if (ackAfterMinutes >= 0) {
                for (AlertEvent e : List.copyOf(events)) {
                    if (e.condition() == AlertCondition.NEWS2 && e.state() == AlertState.OPEN
                            && engine.clock() - e.ts() >= ackAfterMinutes * MIN
                            && events.stream().noneMatch(x -> x.state() == AlertState.ACKNOWLEDGED)) {
                        events.add(engine.onAcknowledgement(
                                new Acknowledgement(s.patientId(), e.alertId(), "Dr Osei", engine.clock(), null))
                                .event());
                    }
                }
            }
        }
        // the clock runs on for 20 minutes after the last reading
        events.addAll(engine.runClockTo(engine.clock() + 20 * MIN));
        return new Run(events, late);
    }

    private static Run run(ClinicalScenarios.Scenario s) {
        return run(s, s.scale(), -1);
    }

    /** Only the NO_DATA that follows the end of every stream, when the clock runs on. */
    private static List<AlertEvent> beforeTheStreamEnds(Run r, ClinicalScenarios.Scenario s) {
        return r.events().stream().filter(e -> e.condition() != AlertCondition.NO_DATA || e.ts() <= s.end()).toList();
    }

    @Test
    void aStablePatientNeverAlerts() {
        ClinicalScenarios.Scenario s = ClinicalScenarios.stable("S", T0);
        assertThat(beforeTheStreamEnds(run(s), s)).isEmpty();
    }

    @Test
    void sepsisLikeDeteriorationRaisesATrendAlertBeforeTheBandIsHigh() {
        Run r = run(ClinicalScenarios.sepsis("S", T0));
        AlertEvent trend = r.first(e -> e.condition() == AlertCondition.DETERIORATING && e.state() == AlertState.OPEN);
        AlertEvent high = r.first(e -> e.condition() == AlertCondition.NEWS2 && e.band() == RiskBand.HIGH);
        assertThat(trend.ts()).isLessThan(high.ts());
        assertThat(trend.reason()).containsAnyOf("NEWS2 rose by", "rising", "falling");
        AlertEvent firstNews2 = r.first(e -> e.condition() == AlertCondition.NEWS2);
        assertThat(trend.ts()).as("the trend even comes before the first NEWS2 alert")
                .isLessThanOrEqualTo(firstNews2.ts());
    }

    @Test
    void acuteHypoxiaOnScale1AlertsWithinThreeMinutes() {
        Run r = run(ClinicalScenarios.hypoxiaScale1("S", T0));
        AlertEvent open = r.first(e -> e.condition() == AlertCondition.NEWS2);
        assertThat(open.state()).isEqualTo(AlertState.OPEN);
        assertThat(open.ts()).isBetween(T0 + 10 * MIN, T0 + 13 * MIN);
        assertThat(open.band()).isEqualTo(RiskBand.MEDIUM);
        assertThat(open.reason())
                .startsWith("NEWS2 6 (MEDIUM) held for 60 s, window medians HR 108.0 RR 24.0 SpO2 86.0");
        assertThat(r.events()).allSatisfy(e -> assertThat(e.ts()).isGreaterThanOrEqualTo(T0 + 10 * MIN));
    }

    @Test
    void onScale2TheCopdTargetRangeDoesNotAlertButAFallBelowItDoes() {
        ClinicalScenarios.Scenario s = ClinicalScenarios.hypoxiaScale2("S", T0);
        Run r = run(s);
        AlertEvent open = r.first(e -> e.condition() == AlertCondition.NEWS2);
        assertThat(open.ts()).isBetween(T0 + 15 * MIN, T0 + 18 * MIN);
        assertThat(r.events()).allSatisfy(e -> assertThat(e.ts()).isGreaterThanOrEqualTo(T0 + 15 * MIN));

        Run onScale1 = run(s, Spo2Scale.SCALE_1, -1);
        assertThat(onScale1.first(e -> e.condition() == AlertCondition.NEWS2).ts())
                .as("the same 89 % would alert a patient on scale 1 at once").isLessThan(T0 + 3 * MIN);
    }

    @Test
    void aTachyarrhythmiaBurstAlertsAndResolvesAfterwards() {
        Run r = run(ClinicalScenarios.tachyarrhythmia("S", T0));
        List<AlertEvent> news2 = r.of(AlertCondition.NEWS2);
        assertThat(news2).extracting(AlertEvent::state).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(news2.get(0).ts()).isBetween(T0 + 10 * MIN, T0 + 13 * MIN);
        assertThat(news2.get(0).reason()).contains("HR 16");
        assertThat(news2.get(1).ts()).isBetween(T0 + 14 * MIN + 15 * MIN, T0 + 14 * MIN + 17 * MIN);
    }

    @Test
    void motionArtifactsNeverAlert() {
        ClinicalScenarios.Scenario s = ClinicalScenarios.motionArtifacts("S", T0);
        assertThat(s.readings()).anySatisfy(o -> assertThat(o.heartRate()).isGreaterThan(150));
        assertThat(beforeTheStreamEnds(run(s), s)).isEmpty();
    }

    @Test
    void aSilentDeviceGetsOneNoDataAlert() {
        ClinicalScenarios.Scenario s = ClinicalScenarios.deviceSilence("S", T0);
        Run r = run(s);
        assertThat(r.events()).hasSize(1);
        AlertEvent silent = r.events().get(0);
        assertThat(silent.condition()).isEqualTo(AlertCondition.NO_DATA);
        assertThat(silent.state()).isEqualTo(AlertState.OPEN);
        assertThat(silent.ts()).isEqualTo(s.end() + 10 * MIN);
    }

    @Test
    void outOfOrderReadingsWithinTheLatenessGiveTheSameAlertAndLateOnesChangeNothing() {
        Run inOrder = run(ClinicalScenarios.hypoxiaScale1("S", T0));
        ClinicalScenarios.Scenario shuffled = ClinicalScenarios.outOfOrderAndLate("S", T0);
        assertThat(shuffled.readings()).isNotEqualTo(shuffled.readings().stream()
                .sorted(java.util.Comparator.comparingLong(Observation::ts)).toList());
        Run r = run(shuffled);

        assertThat(r.late()).isEqualTo(60);
        AlertEvent expected = inOrder.first(e -> e.condition() == AlertCondition.NEWS2);
        AlertEvent open = r.first(e -> e.condition() == AlertCondition.NEWS2);
        assertThat(open.band()).isEqualTo(expected.band());
        assertThat(open.ts()).isBetween(expected.ts() - 5_000, expected.ts() + 5_000);
        assertThat(r.of(AlertCondition.NEWS2)).hasSameSizeAs(inOrder.of(AlertCondition.NEWS2));
    }

    @Test
    void anUnacknowledgedAlertEscalatesEveryFifteenMinutesAndAnAcknowledgementStopsIt() {
        ClinicalScenarios.Scenario s = ClinicalScenarios.unacknowledged("S", T0);
        List<AlertEvent> news2 = run(s).of(AlertCondition.NEWS2);
        assertThat(news2).extracting(AlertEvent::state).containsExactly(AlertState.OPEN, AlertState.ESCALATED,
                AlertState.ESCALATED, AlertState.ESCALATED);
        for (int i = 1; i < news2.size(); i++) {
            assertThat(news2.get(i).ts() - news2.get(i - 1).ts()).isBetween(15 * MIN, 15 * MIN + 30_000);
            assertThat(news2.get(i).reason()).startsWith("not acknowledged within 15 min");
        }

        List<AlertEvent> acknowledged = run(s, s.scale(), 5).of(AlertCondition.NEWS2);
        assertThat(acknowledged).extracting(AlertEvent::state)
                .containsExactly(AlertState.OPEN, AlertState.ACKNOWLEDGED);
        assertThat(acknowledged.get(1).actor()).isEqualTo("Dr Osei");
    }

    @Test
    void aBedsideMonitorRepeatingCuffTemperatureAndAcvpuWithMotionArtifactsNeverAlerts() {
        ClinicalScenarios.Scenario s = ClinicalScenarios.monitorArtifacts("S", T0);
        assertThat(s.readings()).allSatisfy(o -> assertThat(o.systolicBp()).isNotNull());
        assertThat(s.readings()).filteredOn(o -> o.ts() == T0 + 15 * MIN).singleElement()
                .satisfies(o ->
                        assertThat(o.heartRate()).as("an artifact in the second of a new cuff pressure")
                        .isGreaterThan(150));
        assertThat(beforeTheStreamEnds(run(s), s)).isEmpty();
    }

    @Test
    void aBedsideMonitorDuringRealDeteriorationAlertsWithinTheSustainTime() {
        Run r = run(ClinicalScenarios.monitorDeterioration("S", T0));
        AlertEvent open = r.first(e -> e.condition() == AlertCondition.NEWS2);
        assertThat(open.state()).isEqualTo(AlertState.OPEN);
        assertThat(open.ts()).isBetween(T0 + 10 * MIN, T0 + 13 * MIN);
        assertThat(open.reason()).contains("held for 60 s, window medians");
        assertThat(r.events()).allSatisfy(e -> assertThat(e.ts()).isGreaterThanOrEqualTo(T0 + 10 * MIN));
    }

    @Test
    void aGatewayUploadingBatchesNewestFirstAlertsOnTheFallAndNotOnArtifacts() {
        ClinicalScenarios.Scenario s = ClinicalScenarios.gatewayBatches("S", T0);
        assertThat(s.readings())
                .isNotEqualTo(s.readings().stream().sorted(java.util.Comparator.comparingLong(Observation::ts))
                        .toList());
        Run r = run(s);
        assertThat(r.late()).isZero();
        AlertEvent open = r.first(e -> e.condition() == AlertCondition.NEWS2);
        assertThat(open.ts()).isBetween(T0 + 12 * MIN, T0 + 15 * MIN);
        assertThat(r.events()).allSatisfy(e -> assertThat(e.ts()).isGreaterThanOrEqualTo(T0 + 12 * MIN));
    }
}
