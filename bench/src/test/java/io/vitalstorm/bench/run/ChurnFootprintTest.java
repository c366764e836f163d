package io.vitalstorm.bench.run;

import io.vitalstorm.bench.report.BenchReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChurnFootprintTest {

    /** 20,000 patients a day: about 14 arrive per simulated minute, each stays 10 min and is evicted 60 min after. */
    private static final int PATIENTS = 20_000;

    private final BenchReport.Churn churn = new ChurnFootprint(PATIENTS, 60 * 60_000L, () -> 0L).run();

    @Test
    void everyReadingOfEveryPatientIsFed() {
        long perPatient = ChurnFootprint.ACTIVE_MINUTES * 60L / ChurnFootprint.INTERVAL_SECONDS;
        assertThat(churn.readings()).isBetween(PATIENTS * (perPatient - 1), PATIENTS * perPatient);
    }

    @Test
    void enginesHoldOnlyTheRecentPatientsNotEveryoneSeen() {
        // arrivals x (active + eviction time), plus a minute's slack for the eviction cadence
        double arrivalsPerMinute = PATIENTS / (24 * 60.0);
        double bound = arrivalsPerMinute * (ChurnFootprint.ACTIVE_MINUTES + 60 + 2);
        assertThat(churn.peakPatientsInMemory()).isGreaterThan((int) (bound / 2)).isLessThan((int) bound);
        assertThat(churn.samples()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.riskPatients()).isLessThan((int) bound);
            assertThat(s.alertPatients()).isLessThan((int) bound);
        });
        assertThat(churn.evicted()).isEqualTo(PATIENTS);
    }

    @Test
    void mapsAreEmptyOnceEveryoneIsSilentAndDeterioratingPatientsDidAlert() {
        assertThat(churn.end().riskPatients()).isZero();
        assertThat(churn.end().alertPatients()).isZero();
        assertThat(churn.samples()).anySatisfy(s -> assertThat(s.openAlerts()).isPositive());
    }
}
