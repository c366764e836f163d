package io.vitalstorm.bench.run;

import io.vitalstorm.bench.limit.Enricher;
import io.vitalstorm.bench.limit.RiskStep;
import io.vitalstorm.bench.load.WardStream;
import io.vitalstorm.bench.measure.ResourceMeter;
import io.vitalstorm.bench.report.BenchReport;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.parse.ObservationParser;
import io.vitalstorm.core.risk.RiskStateStore;

import java.lang.ref.Reference;
import java.util.Optional;

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
     * Every patient's readings through enrich and score + alert (here and in {@link EngineFootprintByClass});
     * returns what holds the state.
     */
    static Object feed(int patients, int readingsPerPatient) {
        ObservationParser parser = new ObservationParser();
        Enricher enricher = new Enricher(id ->
                Optional.of(WardStream.profile(Integer.parseInt(id.substring(1)) - 1_000_000)));
        RiskStep risk = new RiskStep((id, ward) -> BenchThresholds.WARD, RiskStateStore.none(), EpisodeStore.none());
        long start = System.currentTimeMillis() - readingsPerPatient * 1000L;
        for (int second = 0; second < readingsPerPatient; second++) {
            for (int patient = 0; patient < patients; patient++) {
                WardStream.records(patient, second, start + second * 1000L + patient % 1000, record -> {
                    for (Observation o : parser.parse(record).observations()) {
                        risk.apply(enricher.enrich(o));
                    }
                });
            }
        }
        return new Object[] {enricher, risk};
    }
}
