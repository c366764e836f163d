package io.vitalstorm.core.vitals;

import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.core.testsupport.Obs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Real-world inputs: each parameter's last value stands in only while it is valid. */
class LatestVitalsTest {

    private static final long MIN = Obs.MINUTE;
    private final LatestVitals vitals = new LatestVitals();

    @Test
    void aWristBandReadingIsScoredWithTheCuffPressureAndNurseObservationsWhileTheyAreValid() {
        vitals.merge(Obs.of("P").atMinute(0).sbp(88).temp(39.2).acvpu(Consciousness.ALERT).air().build(),
                Validity.DEFAULTS);

        LatestVitals.Merged at30 = vitals.merge(Obs.of("P").atMinute(30).hr(118).spo2(94).rr(24).build(),
                Validity.DEFAULTS);
        assertThat(at30.observation().systolicBp()).isEqualTo(88.0);
        assertThat(at30.observation().temperature()).isEqualTo(39.2);
        assertThat(at30.carried()).containsExactlyInAnyOrder(Parameter.SYSTOLIC_BP, Parameter.TEMPERATURE,
                Parameter.CONSCIOUSNESS, Parameter.AIR_OR_OXYGEN);
        // hr 2 + spo2 1 + rr 2 + sbp 3 + temp 2 = 10, all seven parameters present
        var score = new News2Scorer(ScoringTables.RCP_2017).score(at30.observation(), Spo2Scale.SCALE_1);
        assertThat(score.total()).isEqualTo(10);
        assertThat(score.incomplete()).isFalse();
    }

    @Test
    void valuesOlderThanTheirValidityAreNotUsed() {
        vitals.merge(Obs.of("P").atMinute(0).hr(80).sbp(120).build(), Validity.DEFAULTS);
        Observation at61 = vitals.merge(Obs.of("P").atMinute(61).spo2(97).build(), Validity.DEFAULTS).observation();
        assertThat(at61.heartRate()).isNull();     // 5 min validity
        assertThat(at61.systolicBp()).isNull();    // 60 min validity, 61 min old
        Observation at60 = new LatestVitals().merge(Obs.of("P").atMinute(0).sbp(120).build(), Validity.DEFAULTS)
                .observation();
        assertThat(at60.systolicBp()).isEqualTo(120.0);
    }

    @Test
    void aLateReadingNeitherOverwritesNewerValuesNorBorrowsFromTheFuture() {
        vitals.merge(Obs.of("P").atMinute(10).hr(120).sbp(95).build(), Validity.DEFAULTS);
        LatestVitals.Merged late = vitals.merge(Obs.of("P").atMinute(8).hr(90).build(), Validity.DEFAULTS);
        assertThat(late.observation().systolicBp()).as("measured after the late reading").isNull();
        Observation next = vitals.merge(Obs.of("P").atMinute(11).spo2(95).build(), Validity.DEFAULTS).observation();
        assertThat(next.heartRate()).isEqualTo(120.0);
    }

    @Test
    void aDeviceIsSilentAfterTheConfiguredGap() {
        vitals.merge(Obs.of("P").atMinute(0).hr(80).build(), Validity.DEFAULTS);
        assertThat(vitals.silentAt(Obs.T0 + 9 * MIN, 10 * MIN)).isFalse();
        assertThat(vitals.silentAt(Obs.T0 + 10 * MIN, 10 * MIN)).isTrue();
        assertThat(new LatestVitals().silentAt(Obs.T0, 10 * MIN)).as("never seen is not silent").isFalse();
    }

    @Test
    void aMonitorRepeatingTheLastCuffPressureMeasuresItOnceAndItAgesFromThen() {
        Obs packet = Obs.of("P").device("monitor-1").hr(80).spo2(97).rr(15).sbp(120).temp(36.8)
                .acvpu(Consciousness.ALERT).air();
        LatestVitals.Merged first = vitals.merge(packet.atMinute(0).build(), Validity.DEFAULTS);
        assertThat(first.measured()).containsExactlyInAnyOrder(Parameter.SYSTOLIC_BP, Parameter.TEMPERATURE,
                Parameter.CONSCIOUSNESS, Parameter.AIR_OR_OXYGEN);

        for (int minute = 1; minute < 30; minute++) {
            // one packet a minute stands for the monitor's every second
            vitals.merge(packet.atMinute(minute).build(), Validity.DEFAULTS);
        }
        LatestVitals.Merged repeat = vitals.merge(packet.atMinute(30).build(), Validity.DEFAULTS);
        assertThat(repeat.measured()).as("repeated, not re-measured").isEmpty();
        assertThat(repeat.carried()).contains(Parameter.SYSTOLIC_BP, Parameter.TEMPERATURE);
        assertThat(repeat.observation().systolicBp()).isEqualTo(120.0);

        for (int minute = 31; minute < 61; minute++) {
            vitals.merge(packet.atMinute(minute).build(), Validity.DEFAULTS);
        }
        Observation stale = vitals.merge(packet.atMinute(61).build(), Validity.DEFAULTS).observation();
        assertThat(stale.systolicBp()).as("the repeated pressure is 61 min old: past its validity").isNull();
        assertThat(stale.temperature()).isEqualTo(36.8);

        LatestVitals.Merged newCuff = vitals.merge(packet.atMinute(62).sbp(118).build(), Validity.DEFAULTS);
        assertThat(newCuff.measured()).containsExactly(Parameter.SYSTOLIC_BP);
        assertThat(newCuff.observation().systolicBp()).isEqualTo(118.0);
    }

    @Test
    void aNurseRecordingTheSameValueAgainHasMeasuredIt() {
        vitals.merge(Obs.of("P").device("band-1").atMinute(0).hr(80).temp(36.8).build(), Validity.DEFAULTS);
        assertThat(vitals.merge(Obs.of("P").device("nurse-1").atMinute(240).temp(36.8)
                .acvpu(Consciousness.ALERT).build(),
                Validity.DEFAULTS).measured())
                .containsExactlyInAnyOrder(Parameter.TEMPERATURE, Parameter.CONSCIOUSNESS);
        assertThat(vitals.merge(Obs.of("P").device("nurse-1").atMinute(480).hr(82).temp(36.8).build(),
                Validity.DEFAULTS).measured())
                .as("the same nurse's device, hours later: measured again, not a repeat")
                .containsExactly(Parameter.TEMPERATURE);
        assertThat(vitals.merge(Obs.of("P").device("nurse-1").atMinute(481).temp(36.8).build(), Validity.DEFAULTS)
                .measured())
                .as("sent again a minute later: a repeat").isEmpty();
    }
}
