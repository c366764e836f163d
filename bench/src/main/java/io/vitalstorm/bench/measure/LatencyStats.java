package io.vitalstorm.bench.measure;

import org.HdrHistogram.Histogram;

/** Latency samples in milliseconds (1 ms to 10 min, 3 significant digits) and their percentiles. */
public final class LatencyStats {

    /** One row of a latency table. */
    public record Summary(long count, double p50, double p99, double p999, double max) {
    }

    private static final long HIGHEST_MS = 600_000;

    private final Histogram histogram = new Histogram(1, HIGHEST_MS, 3);

    /** Sub-millisecond and negative (clock granularity) samples count as 1 ms; longer ones are capped. */
    public synchronized void record(long millis) {
        histogram.recordValue(Math.max(1, Math.min(HIGHEST_MS, millis)));
    }

    public synchronized Summary summary() {
        if (histogram.getTotalCount() == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Summary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }
}
