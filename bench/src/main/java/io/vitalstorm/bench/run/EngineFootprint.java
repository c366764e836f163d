package io.vitalstorm.bench.run;

import com.github.benmanes.caffeine.cache.Cache;
import io.vitalstorm.bench.load.WardStream;
import io.vitalstorm.bench.measure.ResourceMeter;
import io.vitalstorm.bench.report.BenchReport;
import io.vitalstorm.core.alert.AlertHistory;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.ReadingHistory;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.storage.AlertStep;
import io.vitalstorm.storage.ProfileEnricher;
import io.vitalstorm.storage.ScoreStep;
import io.vitalstorm.storage.SharedProfileStrings;

import java.lang.ref.Reference;
import java.util.Optional;
import java.util.function.Function;

/**
 * Heap per patient of what the pipeline keeps in memory for each patient (profile cache entry,
 * scoring and alert state, windows), in steady state: every patient gets more readings than one
 * window holds, then live heap after full GCs is compared with live heap before.
 */
final class EngineFootprint {

    private EngineFootprint() {
    }

    /** A first, discarded pass loads and initialises every class involved, so their heap does not count. */
    static final int WARM_UP_PATIENTS = 100;

    static BenchReport.Footprint measure(int patients, int readingsPerPatient) {
        feed(WARM_UP_PATIENTS, readingsPerPatient);
        long before = ResourceMeter.liveHeapBytes();
        Object state = feed(patients, readingsPerPatient);
        long after = ResourceMeter.liveHeapBytes();
        Reference.reachabilityFence(state);
        return new BenchReport.Footprint(patients, readingsPerPatient, (double) (after - before) / patients);
    }

    /**
     * Every patient's readings through the pipeline's parse, enrich and score ({@link ScoreStep}, its profile cache
     * of the task's size and lifetime before an in-memory registry) and alert ({@link AlertStep}), here and in
     * {@link EngineFootprintByClass}; returns what holds the state.
     */
    static Object feed(int patients, int readingsPerPatient) {
        Cache<String, Optional<PatientProfile>> cache = ProfileEnricher.newLocalCache();
        Function<String, Optional<PatientProfile>> registry = new SharedProfileStrings().loading(id ->
                Optional.of(WardStream.profile(Integer.parseInt(id.substring(1)) - 1_000_000)));
        ScoreStep score = new ScoreStep(id -> cache.get(id, registry), (id, ward) -> BenchThresholds.WARD,
                RiskStateStore.none(), ReadingHistory.none());
        AlertStep alerts = new AlertStep((id, ward) -> BenchThresholds.WARD, EpisodeStore.none(), AlertHistory.none());
        long start = System.currentTimeMillis() - readingsPerPatient * 1000L;
        for (int second = 0; second < readingsPerPatient; second++) {
            for (int patient = 0; patient < patients; patient++) {
                String id = WardStream.patientId(patient);
                WardStream.records(patient, second, start + second * 1000L + patient % 1000, record -> {
                    for (Assessment a : score.assessAll(score.parse(id, record).observations())) {
                        alerts.onAssessment(a, System.currentTimeMillis());
                    }
                });
            }
        }
        return new Object[] {cache, score, alerts};
    }
}
