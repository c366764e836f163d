package io.vitalstorm.bench.run;

import io.vitalstorm.bench.measure.LiveHeap;
import io.vitalstorm.topology.cli.CommandLines;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.StandardCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.lang.ref.Reference;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The engine footprint of the benchmark report ({@link EngineFootprint}: the same feed) by class:
 * live bytes and instances per patient of every class whose live bytes moved, from the class
 * histograms before and after. The figure moves with where the stream's last second falls in
 * the 30 s window buckets (for 10 s of every 30 a closed bucket still waits out its lateness, so
 * two are open); {@code phase} starts the stream at that second of the buckets, so runs compare.
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/runtime.classpath) \
 *     io.vitalstorm.bench.run.EngineFootprintByClass [patients] [phase]
 * </pre>
 */
public final class EngineFootprintByClass {

    private static final long BUCKET_MILLIS = 30_000;
    /** Readings per patient, one a second, as the report's footprint feeds them: every window full. */
    private static final int READINGS = 360;
    /** Classes moving less than this per patient are left out. */
    private static final double SHOWN_FROM = 4;

    private EngineFootprintByClass() {
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new Args(), args));
    }

    @Command(name = "EngineFootprintByClass",
            description = "Live bytes per patient by class of what the pipeline keeps per patient (the report's "
                    + "engine footprint).")
    static final class Args extends StandardCommand implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "patients", defaultValue = "2000",
                description = "patients (default: ${DEFAULT-VALUE})")
        private int patients;

        @Parameters(index = "1", arity = "0..1", paramLabel = "phase", defaultValue = "-1",
                description = "second (0-29) of the 30 s buckets the stream starts at; -1: as it comes "
                        + "(default: ${DEFAULT-VALUE})")
        private int phase;

        @Override
        public Integer call() throws InterruptedException {
            measure(patients, phase);
            return ExitCodes.DONE;
        }
    }

    private static void measure(int patients, int phase) throws InterruptedException {
        int readings = READINGS;
        EngineFootprint.feed(EngineFootprint.WARM_UP_PATIENTS, readings);
        Map<String, long[]> before = LiveHeap.byClass();
        if (phase >= 0) {
            // the stream starts at now - 360 s, a whole number of buckets: at this phase of them
            while (Math.floorMod(System.currentTimeMillis() - phase * 1000L, BUCKET_MILLIS) > 200) {
                Thread.sleep(20);
            }
        }
        Object state = EngineFootprint.feed(patients, readings);
        Map<String, long[]> after = LiveHeap.byClass();
        Reference.reachabilityFence(state);
        System.out.printf("engine footprint by class: %d patients, %d readings each%s%n", patients, readings,
                phase >= 0 ? ", stream started at second " + phase + " of the 30 s buckets" : "");
        System.out.println("   B/patient  objects/patient  class");
        after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new double[] {(e.getValue()[1] - b[1]) / (double) patients,
                        (e.getValue()[0] - b[0]) / (double) patients});
                })
                .filter(e -> Math.abs(e.getValue()[0]) >= SHOWN_FROM)
                .sorted(Comparator.comparingDouble(e -> -e.getValue()[0]))
                .forEach(e -> System.out.printf("%12.1f %16.2f  %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
    }
}
