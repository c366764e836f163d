package io.vitalstorm.storage;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds readings into fixed time buckets with min/median/max per series. Readings are expected
 * in time order (either direction, as history scans deliver them): only the bucket being filled
 * keeps its values, so a year of 1 Hz readings needs the memory of one bucket, not of 31 M
 * readings. A reading for a bucket already closed (out-of-order input) still counts towards its
 * min, max and counts; only its median is then computed without it.
 */
public final class SeriesAggregator {

    private final Instant from;
    private final Instant to;
    private final long bucketMillis;
    private final TreeMap<Long, AggregatedSeries.Bucket> closed = new TreeMap<>();
    private long openIndex = -1;
    private int openReadings;
    private final Map<String, Values> open = new HashMap<>();

    public SeriesAggregator(Instant from, Instant to, long bucketMillis) {
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucketMillis must be positive");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the range must end after it starts");
        }
        this.from = from;
        this.to = to;
        this.bucketMillis = bucketMillis;
    }

    public void add(HistoryEntry e) {
        long ts = e.observation().ts();
        if (ts < from.toEpochMilli() || ts >= to.toEpochMilli()) {
            return;
        }
        long index = (ts - from.toEpochMilli()) / bucketMillis;
        if (index != openIndex) {
            closeOpen();
            if (closed.containsKey(index)) {
                foldIntoClosed(index, e);
                return;
            }
            openIndex = index;
        }
        openReadings++;
        values(e).forEach((series, v) -> open.computeIfAbsent(series, k -> new Values()).add(v));
    }

    public AggregatedSeries result() {
        closeOpen();
        return new AggregatedSeries(from, to, bucketMillis, List.copyOf(closed.values()));
    }

    private void closeOpen() {
        if (openIndex < 0) {
            return;
        }
        Map<String, AggregatedSeries.Stats> stats = new LinkedHashMap<>();
        for (String series : AggregatedSeries.SERIES) {
            Values v = open.get(series);
            if (v != null && v.size > 0) {
                stats.put(series, v.stats());
            }
        }
        closed.put(openIndex,
                new AggregatedSeries.Bucket(Instant.ofEpochMilli(from.toEpochMilli() + openIndex * bucketMillis),
                openReadings, stats));
        open.clear();
        openReadings = 0;
        openIndex = -1;
    }

    private void foldIntoClosed(long index, HistoryEntry e) {
        AggregatedSeries.Bucket b = closed.get(index);
        Map<String, AggregatedSeries.Stats> stats = new LinkedHashMap<>(b.stats());
        values(e).forEach((series, v) -> stats.merge(series, new AggregatedSeries.Stats(v, v, v, 1),
                (old, one) -> new AggregatedSeries.Stats(Math.min(old.min(), v), old.median(), Math.max(old.max(), v),
                        old.count() + 1)));
        closed.put(index, new AggregatedSeries.Bucket(b.start(), b.readings() + 1, stats));
    }

    private static Map<String, Double> values(HistoryEntry e) {
        Observation o = e.observation();
        Map<String, Double> out = new LinkedHashMap<>();
        put(out, "heartRate", o.heartRate());
        put(out, "respiratoryRate", o.respiratoryRate());
        put(out, "spo2", o.spo2());
        put(out, "systolicBp", o.systolicBp());
        put(out, "temperature", o.temperature());
        out.put("news2", (double) e.news2());
        return out;
    }

    private static void put(Map<String, Double> out, String series, Double v) {
        if (v != null && Double.isFinite(v)) {
            out.put(series, v);
        }
    }

    /** A growable array of doubles: boxing 60k values per bucket would dominate a year query. */
    private static final class Values {
        private double[] data = new double[64];
        private int size;

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        AggregatedSeries.Stats stats() {
            double[] sorted = Arrays.copyOf(data, size);
            Arrays.sort(sorted);
            double median = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
            return new AggregatedSeries.Stats(sorted[0], median, sorted[size - 1], size);
        }
    }
}
