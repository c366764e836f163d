package io.vitalstorm.storage.history;

import io.vitalstorm.storage.cassandra.HistoryEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Time blocks of one patient's readings: one per patient-minute. A reading is identified by
 * event time and device (as the row layout keyed it), so merging a replayed reading into its
 * block replaces it with itself; a late reading takes its place in time order.
 */
public final class HistoryBlocks {

    public static final long BLOCK_MILLIS = 60_000;
    public static final long HOUR_MILLIS = 3_600_000;

    public static final Comparator<HistoryEntry> ORDER = Comparator.comparingLong((HistoryEntry e) ->
            e.observation().ts())
            .thenComparing(e -> Objects.requireNonNullElse(e.observation().deviceId(), ""));

    private HistoryBlocks() {
    }

    public static long blockStart(long ts) {
        return Math.floorDiv(ts, BLOCK_MILLIS) * BLOCK_MILLIS;
    }

    public static long hourStart(long ts) {
        return Math.floorDiv(ts, HOUR_MILLIS) * HOUR_MILLIS;
    }

    public static LocalDate dayOf(long ts) {
        return Instant.ofEpochMilli(ts).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * {@code stored} (block order) with {@code incoming} merged in, in block order; null when the
     * incoming readings were all there already, unchanged (a replay): nothing to write.
     */
    public static List<HistoryEntry> merge(List<HistoryEntry> stored, Collection<HistoryEntry> incoming) {
        TreeMap<HistoryEntry, HistoryEntry> merged = new TreeMap<>(ORDER);
        stored.forEach(e -> merged.put(e, e));
        boolean changed = false;
        for (HistoryEntry e : incoming) {
            HistoryEntry before = merged.put(e, e);
            changed |= !e.equals(before);
        }
        return changed ? new ArrayList<>(merged.values()) : null;
    }
}
