package io.vitalstorm.bench.run;

import io.vitalstorm.bench.measure.CountingStateStore;
import io.vitalstorm.bench.measure.LiveHeap;
import io.vitalstorm.bench.report.BenchReport;
import io.vitalstorm.core.alert.AlertContexts;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.config.ReliabilitySettings;
import io.vitalstorm.core.engine.ClinicalEngine;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.topology.cli.CommandLines;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.StandardCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Memory under patient churn: distinct patients pass through one engine over a simulated day, as
 * a home-care service admits and discharges them. Arrivals are spread evenly over the day; each
 * patient sends a wrist-band reading every {@value #INTERVAL_SECONDS} s for {@value #ACTIVE_MINUTES}
 * min (one in fifty deteriorating, so alerts open), then falls silent for good. The engine runs as
 * the bolts run it: the silence check on its clock, a checkpoint after every slot, and eviction
 * of patients silent for {@code vitalstorm.state.evict.after.minutes} (default 60). Live heap is
 * sampled every two simulated hours; in steady state it must stay flat however many patients
 * have passed, and once everyone is silent the engine's maps must be empty.
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/runtime.classpath) io.vitalstorm.bench.run.ChurnFootprint [patients]
 * </pre>
 */
final class ChurnFootprint {

    static final long DAY_MILLIS = 86_400_000L;
    static final int ACTIVE_MINUTES = 10;
    static final int INTERVAL_SECONDS = 15;
    private static final long T0 = 1_780_000_000_000L;
    private static final long SLOT = INTERVAL_SECONDS * 1_000L;
    private static final long SAMPLE_EVERY = 2 * 3_600_000L;
    private static final long EVICT_EVERY = 60_000L;

    private final int patients;
    private final long evictAfterMillis;
    private final LongSupplier liveHeap;
    private final PatientProfile template = new PatientProfile("template", null, 70, "Home-care", "Team", "Dr",
            null, null);
    private long now = T0;

    /** @param liveHeap live bytes of this JVM ({@code LiveHeap::bytes}; a constant in tests) */
    ChurnFootprint(int patients, long evictAfterMillis, LongSupplier liveHeap) {
        this.patients = patients;
        this.evictAfterMillis = evictAfterMillis;
        this.liveHeap = liveHeap;
    }

    static BenchReport.Churn measure(int patients, LongSupplier liveHeap) {
        long evictAfter = ReliabilitySettings.EVICT_AFTER_MINUTES.defaultValue() * 60_000L;
        return new ChurnFootprint(patients, evictAfter, liveHeap).run();
    }

    BenchReport.Churn run() {
        long started = System.nanoTime();
        CountingStateStore store = new CountingStateStore();
        RiskAssessor risk = new RiskAssessor(store, () -> now);
        AlertEngine alerts = new AlertEngine(EpisodeStore.none());
        ClinicalEngine engine = new ClinicalEngine(risk, alerts, (p, w) -> Thresholds.DEFAULTS,
                (p, ts) -> AlertContexts.withoutVitals(template, true, ts));
        List<BenchReport.ChurnSample> samples = new ArrayList<>();
        long heapBefore = liveHeap.getAsLong();
        Random noise = new Random(42);
        long readings = 0;
        long active = ACTIVE_MINUTES * 60_000L;
        long lastArrival = arrival(patients - 1);
        long end = lastArrival + active + evictAfterMillis + 2 * EVICT_EVERY;
        int first = 0;
        long nextSample = T0 + SAMPLE_EVERY;
        long nextEviction = T0 + EVICT_EVERY;
        long evicted = 0;
        int peak = 0;
        for (now = T0; now <= end; now += SLOT) {
            engine.runClockTo(now);
            while (first < patients && arrival(first) + active <= now) {
                first++;
            }
            for (int p = first; p < patients && arrival(p) <= now; p++) {
                engine.onReading(reading(p, noise), Thresholds.DEFAULTS);
                readings++;
            }
            risk.checkpoint();
            peak = Math.max(peak, risk.patients());
            if (now >= nextEviction) {
                evicted += risk.evictSilent(now, evictAfterMillis);
                alerts.evictSilent(now, evictAfterMillis);
                nextEviction += EVICT_EVERY;
            }
            if (now >= nextSample) {
                samples.add(sample(risk, alerts, heapBefore));
                nextSample += SAMPLE_EVERY;
            }
        }
        BenchReport.ChurnSample last = sample(risk, alerts, heapBefore);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new BenchReport.Churn(patients, readings, evictAfterMillis / 60_000, peak, evicted,
                store.totalBytes() / (double) Math.max(1, patients), samples, last, seconds);
    }

    /** When patient {@code p} sends their first reading: arrivals spread evenly over the day. */
    private long arrival(int p) {
        long offset = (long) ((double) p * DAY_MILLIS / patients);
        return T0 + offset - offset % SLOT;
    }

    private EnrichedObservation reading(int p, Random noise) {
        boolean deteriorating = p % 50 == 0;
        double hr = deteriorating ? 128 : 70 + p % 25 + Math.round(noise.nextGaussian() * 2);
        double spo2 = deteriorating ? 90 : 97 - p % 3;
        Observation o = new Observation(String.format("C%07d", p), "band-" + p, now, hr,
                16.0 + Math.round(noise.nextGaussian()), spo2, null, null, null, null);
        return new EnrichedObservation(o, template, true);
    }

    private BenchReport.ChurnSample sample(RiskAssessor risk, AlertEngine alerts, long heapBefore) {
        return new BenchReport.ChurnSample((now - T0) / 3_600_000.0, liveHeap.getAsLong() - heapBefore, risk.patients(),
                alerts.patients(), alerts.openAlerts());
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new Args(), args));
    }

    @Command(name = "ChurnFootprint",
            description = "Live heap of one engine over a simulated day of patient churn (part of ./vitalstorm bench).")
    static final class Args extends StandardCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "patients", defaultValue = "1000000",
                description = "distinct patients over the day (default: ${DEFAULT-VALUE})")
        private int patients;

        @Override
        public Integer call() {
            System.out.println(measure(patients, LiveHeap::bytes).describe());
            return ExitCodes.DONE;
        }
    }
}
