package io.vitalstorm.storage;

import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A patient's stored readings, whatever the layout behind them (rows per reading today;
 * compressed blocks and rollups later). Readers of history (the dashboard, FHIR reads) use only
 * this interface, so a new layout changes its implementation and nothing above it.
 */
public interface VitalHistory {

    /**
     * Feeds readings with {@code from <= ts < to} to {@code sink}, newest first, until the range
     * ends or the sink returns false (a page is full).
     */
    void scan(String patientId, Instant from, Instant to, Predicate<HistoryEntry> sink);

    /** Readings with {@code from <= ts < to}, newest first. */
    default List<HistoryEntry> read(String patientId, Instant from, Instant to) {
        List<HistoryEntry> out = new ArrayList<>();
        scan(patientId, from, to, out::add);
        return out;
    }

    /**
     * Min, median and max of each vital and of NEWS2 per time bucket. This default aggregates
     * the raw readings as they stream by (one bucket's values in memory at a time); a layout
     * with rollups answers from them instead.
     */
    default AggregatedSeries aggregate(String patientId, Instant from, Instant to, long bucketMillis) {
        SeriesAggregator aggregator = new SeriesAggregator(from, to, bucketMillis);
        scan(patientId, from, to, e -> {
            aggregator.add(e);
            return true;
        });
        return aggregator.result();
    }
}
