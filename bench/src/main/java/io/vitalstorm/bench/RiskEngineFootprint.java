package io.vitalstorm.bench;

import io.vitalstorm.bench.measure.CountingStateStore;
import io.vitalstorm.bench.measure.LiveHeap;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.topology.cli.CommandLines;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.StandardCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Per-patient state of the risk engine and the alert lifecycle in steady state, and the
 * engine's single-thread throughput. P patients stream 1 Hz wrist-band readings (HR, RR, SpO2
 * with noise) plus a cuff/nurse spot check every 15 min, interleaved second by second as a ward
 * sends them, each patient at its own phase of the window buckets; after 10 minutes of event
 * time every patient's windows are full. The alert side counts its own copy of each patient id,
 * as the alert task (another executor) holds one.
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/runtime.classpath) \
 *     io.vitalstorm.bench.RiskEngineFootprint [patients] [minutes]
 * </pre>
 * Heap is the live bytes of the JVM's class histogram before and after the patients exist (the
 * figure includes the map entries and patient-id strings); checkpoint size is the bytes
 * written to Redis per patient. Throughput is readings per second through assess + alert
 * lifecycle on one thread, after a warm-up of the same length.
 */
public final class RiskEngineFootprint {

    private static final long T0 = 1_780_000_000_000L;

    private RiskEngineFootprint() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new Args(), args));
    }

    @Command(name = "RiskEngineFootprint",
            description = "Heap and checkpoint bytes per patient, and single-thread readings/s, of the engines.")
    static final class Args extends StandardCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "patients", defaultValue = "10000",
                description = "patients streaming (default: ${DEFAULT-VALUE})")
        private int patients;

        @Parameters(index = "1", arity = "0..1", paramLabel = "minutes", defaultValue = "10",
                description = "minutes of event time before measuring (default: ${DEFAULT-VALUE})")
        private int minutes;

        @Override
        public Integer call() {
            measure(patients, minutes);
            return ExitCodes.DONE;
        }
    }

    private static void measure(int patients, int minutes) {
        PatientProfile profile = new PatientProfile("template", null, 70, "Ward-1", "Team", "Dr", null, null);
        long before = LiveHeap.bytes();
        String[] ids = new String[patients];
        for (int i = 0; i < patients; i++) {
            ids[i] = String.format("P%06d", i);
        }
        CountingStateStore store = new CountingStateStore();
        RiskAssessor risk = new RiskAssessor(store);
        AlertEngine alerts = new AlertEngine();
        long readings = stream(risk, alerts, ids, profile, 0, minutes * 60);
        // as the scoring bolt does every 200 ms: nothing stays pending
        risk.checkpoint();
        long after = LiveHeap.bytes();

        // throughput: two more minutes of the same stream (windows already full), timed
        long start = System.nanoTime();
        long timed = stream(risk, alerts, ids, profile, minutes * 60, minutes * 60 + 120);
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf(
                "risk engine footprint: %d patients, %d min of 1 Hz (+ spot checks every 15 min), %d readings%n",
                patients, minutes, readings);
        System.out.printf(
                "  heap per patient (risk state + alert state, map entries and patient ids included): %.0f bytes%n",
                (after - before) / (double) patients);
        System.out.printf("  checkpoint per patient (Redis vs:state): %.0f bytes%n",
                store.lastCheckpointBytes() / (double) patients);
        System.out.printf(
                "  engine throughput on one thread (assess + alert lifecycle): %.0f readings/s (%d readings in %.2f "
                + "s)%n",
                timed / seconds, timed, seconds);
        System.out.printf("  open alerts at the end: %d%n", alerts.openAlerts());
    }

    /** Feeds seconds [from, to) of every patient's stream; returns the number of readings. */
    private static long stream(RiskAssessor risk, AlertEngine alerts, String[] ids, PatientProfile template,
                               int from, int to) {
        Random noise = new Random(from);
        long n = 0;
        for (int s = from; s < to; s++) {
            for (int p = 0; p < ids.length; p++) {
                // devices are not synchronised: each patient's readings sit at its own phase of the 30 s buckets
                long ts = T0 + s * 1_000L + (p % 30) * 1_000L + p % 1_000;
                boolean spot = s % 900 == p % 900;
                Observation o = new Observation(ids[p], null, ts,
                        70.0 + (p % 30) + Math.round(noise.nextGaussian() * 2),
                        15.0 + Math.round(noise.nextGaussian()), 97.0 - (p % 3), spot ? 120.0 + p % 20 : null,
                        spot ? 36.8 : null, spot ? Consciousness.ALERT : null, spot ? Boolean.FALSE : null);
                Assessment a = risk.assess(new EnrichedObservation(o, template, true), Thresholds.DEFAULTS);
                alerts.onAssessment(s == from ? copyOfId(a) : a, Thresholds.DEFAULTS, ts);
                n++;
            }
        }
        return n;
    }

    /** The assessment as the alert task receives it: its own (deserialised) patient-id string. */
    private static Assessment copyOfId(Assessment a) {
        var e = a.scored().enriched();
        var o = e.observation();
        var copy = new Observation(new String(o.patientId().toCharArray()), o.deviceId(), o.ts(), o.heartRate(),
                o.respiratoryRate(), o.spo2(), o.systolicBp(), o.temperature(), o.consciousness(), o.onOxygen());
        return new Assessment(new io.vitalstorm.core.news2.ScoredObservation(new EnrichedObservation(copy, e.profile(),
                e.knownPatient()), a.scored().score()), a.late(), a.news2(), a.trend());
    }
}
