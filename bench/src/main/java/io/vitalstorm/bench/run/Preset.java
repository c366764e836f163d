package io.vitalstorm.bench.run;

import java.time.Duration;
import java.util.List;

/**
 * How much a bench run measures. Ward sizes are (patients, seconds of 1 Hz event time
 * pre-loaded); latency runs on the ward of {@code latencyPatients}.
 */
record Preset(String name, int jmhWarmups, int jmhIterations, List<Scale> scales, int latencyPatients,
              Duration latencyWarmup, Duration latencyMeasure, int footprintPatients, int footprintReadings,
              int churnPatients) {

    record Scale(int patients, int seconds) {
    }

    static final double[] LATENCY_FRACTIONS = {0.25, 0.50, 0.75};

    /** About a minute of measuring: a sanity run. */
    static final Preset QUICK = new Preset("quick", 1, 2,
            List.of(new Scale(1_000, 40), new Scale(10_000, 6)), 10_000,
            Duration.ofSeconds(3), Duration.ofSeconds(10), 2_000, 360, 100_000);

    /** About ten minutes of measuring: the committed reports. */
    static final Preset FULL = new Preset("full", 3, 5,
            List.of(new Scale(1_000, 120), new Scale(10_000, 15), new Scale(100_000, 2)), 10_000,
            Duration.ofSeconds(5), Duration.ofSeconds(40), 5_000, 360, 1_000_000);

    int maxPatients() {
        return scales.stream().mapToInt(Scale::patients).max().orElse(0);
    }

    Preset onlySizes(List<Integer> sizes) {
        List<Scale> kept = scales.stream().filter(s -> sizes.contains(s.patients())).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("--sizes must name sizes of the preset: " + scales);
        }
        // latency runs on the preset's ward if it is kept, else on the largest kept one
        int latencyAt = sizes.contains(latencyPatients) ? latencyPatients : kept.get(kept.size() - 1).patients();
        return new Preset(name, jmhWarmups, jmhIterations, kept, latencyAt, latencyWarmup, latencyMeasure,
                footprintPatients, footprintReadings, churnPatients);
    }
}
