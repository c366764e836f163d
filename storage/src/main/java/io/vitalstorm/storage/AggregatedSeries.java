package io.vitalstorm.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A time range cut into equal buckets, oldest first; per bucket the number of readings and,
 * per series (each vital by its JSON name, and {@code news2}), min/median/max of the values it
 * had. A bucket without readings is left out rather than sent as empty.
 */
public record AggregatedSeries(Instant from, Instant to, long bucketMillis, List<Bucket> buckets) {

    /** Series names, in display order. */
    public static final List<String> SERIES = List.of("heartRate", "respiratoryRate", "spo2", "systolicBp",
            "temperature", "news2");

    public record Stats(double min, double median, double max, int count) {
    }

    /** {@code stats} holds only the series that had a value in this bucket. */
    public record Bucket(Instant start, int readings, Map<String, Stats> stats) {
    }

    public long totalReadings() {
        return buckets.stream().mapToLong(Bucket::readings).sum();
    }
}
