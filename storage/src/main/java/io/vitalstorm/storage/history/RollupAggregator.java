package io.vitalstorm.storage.history;

import io.vitalstorm.storage.AggregatedSeries;
import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chart buckets from rollup rows (and raw readings at the ends of a range). Min, max and
 * counts are exact; a bucket made of several rollup rows gets the count-weighted median of
 * their medians (exact when the bucket is one row, close otherwise; documented in
 * docs/history-storage.md).
 */
public final class RollupAggregator {

    private record Part(double median, int count) {
    }

    private static final class Series {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int count;
        final List<Part> parts = new ArrayList<>();
    }

    private static final class Bucket {
        int readings;
        final Map<String, Series> series = new HashMap<>();
    }

    private final Instant from;
    private final Instant to;
    private final long bucketMillis;
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();

    public RollupAggregator(Instant from, Instant to, long bucketMillis) {
        if (bucketMillis <= 0 || !to.isAfter(from)) {
            throw new IllegalArgumentException("a positive bucket and a range that ends after it starts are needed");
        }
        this.from = from;
        this.to = to;
        this.bucketMillis = bucketMillis;
    }

    /** One raw reading. */
    public boolean add(HistoryEntry e) {
        SeriesHistogram one = SeriesHistogram.of(List.of(e));
        add(e.observation().ts(), 1, one.stats());
        return true;
    }

    /** One rollup row starting at {@code start}. */
    public void add(long start, int readings, Map<String, AggregatedSeries.Stats> stats) {
        if (start < from.toEpochMilli() || start >= to.toEpochMilli()) {
            return;
        }
        Bucket b = buckets.computeIfAbsent((start - from.toEpochMilli()) / bucketMillis, k -> new Bucket());
        b.readings += readings;
        stats.forEach((name, s) -> {
            Series series = b.series.computeIfAbsent(name, k -> new Series());
            series.min = Math.min(series.min, s.min());
            series.max = Math.max(series.max, s.max());
            series.count += s.count();
            series.parts.add(new Part(s.median(), s.count()));
        });
    }

    public AggregatedSeries result() {
        List<AggregatedSeries.Bucket> out = new ArrayList<>(buckets.size());
        buckets.forEach((index, b) -> {
            Map<String, AggregatedSeries.Stats> stats = new LinkedHashMap<>();
            for (String name : AggregatedSeries.SERIES) {
                Series s = b.series.get(name);
                if (s != null && s.count > 0) {
                    stats.put(name, new AggregatedSeries.Stats(s.min, weightedMedian(s), s.max, s.count));
                }
            }
            out.add(new AggregatedSeries.Bucket(Instant.ofEpochMilli(from.toEpochMilli() + index * bucketMillis),
                    b.readings, stats));
        });
        return new AggregatedSeries(from, to, bucketMillis, out);
    }

    private static double weightedMedian(Series s) {
        if (s.parts.size() == 1) {
            return s.parts.get(0).median();
        }
        s.parts.sort(Comparator.comparingDouble(Part::median));
        long half = (s.count + 1) / 2;
        long seen = 0;
        for (Part p : s.parts) {
            seen += p.count();
            if (seen >= half) {
                return p.median();
            }
        }
        return s.parts.get(s.parts.size() - 1).median();
    }
}
