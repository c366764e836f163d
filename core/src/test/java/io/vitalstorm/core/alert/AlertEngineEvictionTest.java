package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.testsupport.AlertScenario;
import io.vitalstorm.core.testsupport.InMemoryStores;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Patients who go quiet leave the engine's memory, and come back with their alerts intact. */
class AlertEngineEvictionTest {

    private static final long HOUR = 60 * Obs.MINUTE;

    /** Stands in for Redis: episodes that outlive the engines. */
    private final EpisodeStore store = InMemoryStores.episodes();

    @Test
    void silentPatientsAreEvictedOnceTheirSilenceHasAlertedAndComeBackWithTheSameAlert() {
        AlertScenario s = new AlertScenario(Thresholds.DEFAULTS, store);
        for (int i = 0; i < 500; i++) {
            s.at(0, "P" + i, RiskBand.LOW);
        }
        assertThat(s.engine().patients()).isEqualTo(500);
        assertThat(s.engine().evictSilent(Obs.T0 + 30 * Obs.MINUTE, HOUR)).as("not silent long enough").isZero();

        List<AlertEvent> silence = s.clock(30);
        assertThat(silence).hasSize(500)
                .allMatch(e -> e.condition() == AlertCondition.NO_DATA && e.state() == AlertState.OPEN);
        assertThat(s.engine().evictSilent(Obs.T0 + 61 * Obs.MINUTE, HOUR)).isEqualTo(500);
        assertThat(s.engine().patients()).isZero();
        assertThat(s.engine().openAlerts()).isZero();

        // the next reading restores the patient: their NO_DATA alert resolves under the id it opened with
        AlertEvent back = s.expectEvent(90, "P7", RiskBand.LOW);
        AlertEvent opened = silence.stream().filter(e -> e.patientId().equals("P7")).findFirst().orElseThrow();
        assertThat(back.alertId()).isEqualTo(opened.alertId());
        assertThat(back.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(s.engine().patients()).isEqualTo(1);
    }

    @Test
    void aPatientWithAnOpenAlertWhoseSilenceHasNotAlertedStays() {
        AlertScenario s = new AlertScenario(Thresholds.DEFAULTS, store);
        s.expectEvent(0, "P-HIGH", RiskBand.HIGH);
        s.at(0, "P-LOW", RiskBand.LOW);

        assertThat(s.engine().evictSilent(Obs.T0 + 2 * HOUR, HOUR)).isEqualTo(1);
        assertThat(s.engine().patients()).isEqualTo(1);
        assertThat(s.engine().openAlerts()).isEqualTo(1);

        assertThat(s.clock(121)).singleElement()
                .satisfies(e -> assertThat(e.condition()).isEqualTo(AlertCondition.NO_DATA));
        assertThat(s.engine().evictSilent(Obs.T0 + 2 * HOUR + 2 * Obs.MINUTE, HOUR)).isEqualTo(1);
        assertThat(s.engine().patients()).isZero();
    }
}
