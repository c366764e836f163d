package io.vitalstorm.storage.history;

import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.AggregatedSeries;
import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every value of each chart series (the vitals and NEWS2) in a stretch of history, as value →
 * count: exact min/median/max/count, and a reading can be taken out again when its block is
 * rewritten, so an hour's rollup follows its minute blocks exactly without keeping the readings.
 */
public final class SeriesHistogram {

    private final Map<String, TreeMap<Double, Integer>> series = new LinkedHashMap<>();
    private int readings;

    public static SeriesHistogram of(List<HistoryEntry> entries) {
        SeriesHistogram h = new SeriesHistogram();
        h.add(entries);
        return h;
    }

    public void add(List<HistoryEntry> entries) {
        entries.forEach(e -> change(e, 1));
    }

    public void remove(List<HistoryEntry> entries) {
        entries.forEach(e -> change(e, -1));
    }

    public int readings() {
        return readings;
    }

    /** Only the series that have values, in {@link AggregatedSeries#SERIES} order. */
    public Map<String, AggregatedSeries.Stats> stats() {
        Map<String, AggregatedSeries.Stats> out = new LinkedHashMap<>();
        for (String name : AggregatedSeries.SERIES) {
            TreeMap<Double, Integer> h = series.get(name);
            if (h != null && !h.isEmpty()) {
                out.put(name, stats(h));
            }
        }
        return out;
    }

    private static AggregatedSeries.Stats stats(TreeMap<Double, Integer> h) {
        int count = h.values().stream().mapToInt(Integer::intValue).sum();
        double lower = Double.NaN;
        double upper = Double.NaN;
        int seen = 0;
        int lowerRank = (count - 1) / 2;
        int upperRank = count / 2;
        for (Map.Entry<Double, Integer> e : h.entrySet()) {
            int next = seen + e.getValue();
            if (Double.isNaN(lower) && lowerRank < next) {
                lower = e.getKey();
            }
            if (upperRank < next) {
                upper = e.getKey();
                break;
            }
            seen = next;
        }
        return new AggregatedSeries.Stats(h.firstKey(), (lower + upper) / 2, h.lastKey(), count);
    }

    private void change(HistoryEntry e, int delta) {
        readings += delta;
        Observation o = e.observation();
        change("heartRate", o.heartRate(), delta);
        change("respiratoryRate", o.respiratoryRate(), delta);
        change("spo2", o.spo2(), delta);
        change("systolicBp", o.systolicBp(), delta);
        change("temperature", o.temperature(), delta);
        change("news2", (double) e.news2(), delta);
    }

    private void change(String name, Double v, int delta) {
        if (v == null || !Double.isFinite(v)) {
            return; // as the raw aggregation: NaN or infinite values are not charted
        }
        series.computeIfAbsent(name, k -> new TreeMap<>()).merge(v, delta, (a, b) -> a + b == 0 ? null : a + b);
    }
}
