package io.vitalstorm.core.risk;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.testsupport.InMemoryStores;
import io.vitalstorm.core.testsupport.Obs;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Memory follows the patients being monitored: the quiet ones are checkpointed, dropped and restored. */
class RiskAssessorEvictionTest {

    private static final long HOUR = 60 * Obs.MINUTE;

    /** Stands in for Redis: bytes that outlive the assessors. */
    private final RiskStateStore store = InMemoryStores.riskStates();
    private final AtomicLong now = new AtomicLong(Obs.T0);
    private final RiskAssessor assessor = new RiskAssessor(store, now::get);

    private Assessment feed(String patient, long minute) {
        now.set(Obs.T0 + minute * Obs.MINUTE);
        return assessor.assess(new EnrichedObservation(Obs.of(patient).atMinute(minute).hr(80).spo2(97).build(),
                PatientProfile.unknown(patient), false), Thresholds.DEFAULTS);
    }

    @Test
    void patientsSilentLongerThanTheLimitAreDroppedOnceCheckpointedAndRestoredByTheirNextReading() {
        for (int i = 0; i < 1_000; i++) {
            feed("P" + i, 0);
        }
        feed("ACTIVE", 50);
        assertThat(assessor.patients()).isEqualTo(1_001);

        assertThat(assessor.evictSilent(Obs.T0 + 61 * Obs.MINUTE, HOUR))
                .as("nothing checkpointed yet: nothing may go").isZero();
        assessor.checkpoint();
        assertThat(assessor.evictSilent(Obs.T0 + 61 * Obs.MINUTE, HOUR)).isEqualTo(1_000);
        assertThat(assessor.patients()).isEqualTo(1);
        assertThat(assessor.evicted()).isEqualTo(1_000);

        long restoredBefore = assessor.restored();
        feed("P3", 62);
        assertThat(assessor.restored()).isEqualTo(restoredBefore + 1);

        assessor.checkpoint();
        assertThat(assessor.evictSilent(Obs.T0 + 10 * HOUR, HOUR)).isEqualTo(2);
        assertThat(assessor.patients()).isZero();
    }
}
