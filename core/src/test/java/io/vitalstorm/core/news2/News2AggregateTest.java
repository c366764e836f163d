package io.vitalstorm.core.news2;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.testsupport.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;

import static io.vitalstorm.core.news2.Parameter.AIR_OR_OXYGEN;
import static io.vitalstorm.core.news2.Parameter.CONSCIOUSNESS;
import static io.vitalstorm.core.news2.Parameter.HEART_RATE;
import static io.vitalstorm.core.news2.Parameter.RESPIRATORY_RATE;
import static io.vitalstorm.core.news2.Parameter.SPO2;
import static io.vitalstorm.core.news2.Parameter.SYSTOLIC_BP;
import static io.vitalstorm.core.news2.Parameter.TEMPERATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Aggregate score, risk bands, missing parameters and whole patients scored by hand. */
class News2AggregateTest {

    static Stream<Arguments> aggregatesAndBands() {
        return Stream.of(
                arguments("all normal", Obs.normal("P1"), 0, RiskBand.LOW),
                arguments("4 without a red score (RR 21 →2, HR 111 →2)", Obs.normal("P1").rr(21).hr(111), 4,
                        RiskBand.LOW),
                arguments("3 from a single red (voice)", Obs.normal("P1").acvpu(Consciousness.VOICE), 3,
                        RiskBand.LOW_MEDIUM),
                arguments("4 with a red 3 (RR 25 →3, HR 91 →1)", Obs.normal("P1").rr(25).hr(91), 4,
                        RiskBand.LOW_MEDIUM),
                arguments("5 without red (RR 21 →2, HR 111 →2, 38.5 °C →1)", Obs.normal("P1").rr(21).hr(111).temp(38.5),
                        5, RiskBand.MEDIUM),
                arguments("5 with a red 3 (RR 25 →3, HR 111 →2)", Obs.normal("P1").rr(25).hr(111), 5, RiskBand.MEDIUM),
                arguments("6 (RR 21 →2, SBP 95 →2, HR 111 →2)", Obs.normal("P1").rr(21).sbp(95).hr(111), 6,
                        RiskBand.MEDIUM),
                arguments("7 (RR 25 →3, HR 111 →2, oxygen →2)", Obs.normal("P1").rr(25).hr(111).oxygen(), 7,
                        RiskBand.HIGH),
                arguments("every row at its worst", Obs.of("P1").rr(25).spo2(91).oxygen().sbp(90).hr(131)
                        .acvpu(Consciousness.UNRESPONSIVE).temp(35.0), 20, RiskBand.HIGH));
    }

    @ParameterizedTest(name = "{0}: NEWS2 {2} {3}")
    @MethodSource("aggregatesAndBands")
    void aggregateIsTheSumAndTheBandFollowsRcp(String description, Obs obs, int total, RiskBand band) {
        News2Score score = obs.score();
        assertThat(score.total()).isEqualTo(total);
        assertThat(score.subscores().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        assertThat(score.band()).isEqualTo(band);
        assertThat(score.incomplete()).isFalse();
        assertThat(score.missing()).isEmpty();
    }

    @Test
    void redScoreIsReportedOnlyWhenAParameterScoresThree() {
        assertThat(Obs.normal("P1").rr(25).score().anySingleParameterScoredThree()).isTrue();
        assertThat(Obs.normal("P1").rr(21).hr(111).sbp(95).score().anySingleParameterScoredThree()).isFalse();
    }

    @Test
    void completeObservationHasAllSevenSubscores() {
        News2Score score = Obs.normal("P1").score();
        assertThat(score.subscores()).containsOnlyKeys(Parameter.values());
        assertThat(score.incomplete()).isFalse();
    }

    @Test
    void missingParametersAreLeftOutAndNamedExactly() {
        News2Score score = Obs.of("P1").hr(131).spo2(94).score();

        assertThat(score.subscores()).isEqualTo(Map.of(HEART_RATE, 3, SPO2, 1));
        assertThat(score.total()).isEqualTo(4);
        assertThat(score.band()).isEqualTo(RiskBand.LOW_MEDIUM);
        assertThat(score.incomplete()).isTrue();
        assertThat(score.missing())
                .isEqualTo(EnumSet.of(RESPIRATORY_RATE, AIR_OR_OXYGEN, SYSTOLIC_BP, CONSCIOUSNESS, TEMPERATURE));
    }

    @Test
    void singleMissingParameterIsTheOnlyOneNamed() {
        Obs noTemperature = Obs.of("P1").rr(16).spo2(97).air().sbp(120).hr(70).acvpu(Consciousness.ALERT);
        assertThat(noTemperature.score().missing()).containsExactly(TEMPERATURE);
        assertThat(noTemperature.score().incomplete()).isTrue();
    }

    @Test
    void scale2WithOxygenUnknownScoresAsAirAndMarksAirOrOxygenMissing() {
        News2Score unknown = Obs.of("P1").spo2(97).oxygenUnknown().score(Spo2Scale.SCALE_2);
        News2Score onOxygen = Obs.of("P1").spo2(97).oxygen().score(Spo2Scale.SCALE_2);

        assertThat(unknown.subscores()).isEqualTo(Map.of(SPO2, 0));
        assertThat(unknown.missing()).contains(AIR_OR_OXYGEN);
        assertThat(unknown.incomplete()).isTrue();
        assertThat(onOxygen.subscores()).isEqualTo(Map.of(SPO2, 3, AIR_OR_OXYGEN, 2));
    }

    @Test
    void scoringAnEnrichedObservationUsesTheScaleInTheProfile() {
        Obs copdOnOxygen = Obs.normal("P2").spo2(90).oxygen();
        assertThat(copdOnOxygen.scoredFor(Profiles.scale2("P2")).score().subscores()).containsEntry(SPO2, 0);
        assertThat(copdOnOxygen.scoredFor(Profiles.scale1("P2")).score().subscores()).containsEntry(SPO2, 3);
    }

    /** A full chart row of readings, in chart order. */
    private static Obs chart(double rr, double spo2, boolean onOxygen, double sbp, double hr, Consciousness acvpu,
            double temp) {
        Obs obs = Obs.of("P1").rr(rr).spo2(spo2).sbp(sbp).hr(hr).acvpu(acvpu).temp(temp);
        return onOxygen ? obs.oxygen() : obs.air();
    }

    /** COPD on 2 L oxygen: RR 22, SpO2 90, SBP 135, HR 95, alert, 37.4 °C. */
    private static Obs copdOnOxygen() {
        return chart(22, 90, true, 135, 95, Consciousness.ALERT, 37.4);
    }

    /** Realistic patients, totals worked out by hand from the chart. */
    static Stream<Arguments> patients() {
        Consciousness a = Consciousness.ALERT;
        return Stream.of(
                // 16→0, 97→0, air→0, 124→0, 72→0, A→0, 36.8→0
                arguments("healthy adult", chart(16, 97, false, 124, 72, a, 36.8), Spo2Scale.SCALE_1, 0, RiskBand.LOW),
                // 24→2, 93→2, air→0, 98→2, 118→2, A→0, 38.6→1
                arguments("early sepsis", chart(24, 93, false, 98, 118, a, 38.6), Spo2Scale.SCALE_1, 9, RiskBand.HIGH),
                // 22→2, 90 on O2 (scale 2)→0, oxygen→2, 135→0, 95→1, A→0, 37.4→0
                arguments("COPD on oxygen, scale 2", copdOnOxygen(), Spo2Scale.SCALE_2, 5, RiskBand.MEDIUM),
                // the same readings on scale 1: 90→3, so 8
                arguments("COPD readings on scale 1", copdOnOxygen(), Spo2Scale.SCALE_1, 8, RiskBand.HIGH),
                // 18→0, 98 on O2 (scale 2)→3, oxygen→2, 128→0, 80→0, A→0, 37.0→0
                arguments("hypercapnic, over-oxygenated", chart(18, 98, true, 128, 80, a, 37.0), Spo2Scale.SCALE_2, 5,
                        RiskBand.MEDIUM),
                // 18→0, 96→0, air→0, 112→0, 88→0, C→3, 36.2→0
                arguments("post-op new confusion", chart(18, 96, false, 112, 88, Consciousness.NEW_CONFUSION, 36.2),
                        Spo2Scale.SCALE_1, 3, RiskBand.LOW_MEDIUM),
                // 10→1, 95→1, air→0, 105→1, 48→1, A→0, 35.0→3
                arguments("hypothermic elderly", chart(10, 95, false, 105, 48, a, 35.0), Spo2Scale.SCALE_1, 7,
                        RiskBand.HIGH));
    }

    @ParameterizedTest(name = "{0}: NEWS2 {3} {4}")
    @MethodSource("patients")
    void wholePatients(String description, Obs obs, Spo2Scale scale, int total, RiskBand band) {
        News2Score score = obs.score(scale);
        assertThat(score.total()).isEqualTo(total);
        assertThat(score.band()).isEqualTo(band);
        assertThat(score.incomplete()).isFalse();
    }
}
