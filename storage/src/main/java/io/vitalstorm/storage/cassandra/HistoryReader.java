package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import io.vitalstorm.storage.AggregatedSeries;
import io.vitalstorm.storage.VitalHistory;
import io.vitalstorm.storage.history.HistoryBlockCodec;
import io.vitalstorm.storage.history.HistoryBlocks;
import io.vitalstorm.storage.history.RollupAggregator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Reads history from the block and rollup tables (docs/history-storage.md). Raw scans decode the
 * patient-minute blocks of a range, newest first, one day-partition at a time with the next days
 * asked for ahead. Aggregates of long ranges come from the rollups: 1-hour rows when a bucket
 * spans at least {@link #ROLLUP_SPAN} hours, 1-minute rows when it spans that many minutes, raw
 * readings for the ragged ends of the range and for short buckets.
 */
public final class HistoryReader implements VitalHistory {

    static final int PREFETCH_DAYS = 16;
    /** Rollup rows per bucket at least: a row is counted in the bucket it starts in. */
    static final int ROLLUP_SPAN = 12;

    private record Resolution(long millis, PreparedStatement select) {
    }

    private final CqlSession session;
    private final PreparedStatement selectBlocks;
    private final Resolution hours;
    private final Resolution minutes;
    /** Per-request timeout of raw scans, or null for the session's. */
    private final Duration timeout;

    public HistoryReader(CqlSession session, String keyspace) {
        this(session, keyspace, null);
    }

    /** A reader whose raw scans give up after {@code timeout} per request (a rebuild on a bolt's thread). */
    public HistoryReader(CqlSession session, String keyspace, Duration timeout) {
        this.session = session;
        this.timeout = timeout;
        this.selectBlocks = session.prepare("SELECT block_start, block FROM " + keyspace + ".history_blocks "
                + "WHERE patient_id = ? AND day = ? AND block_start >= ? AND block_start < ?");
        String rollup = "SELECT bucket, readings, stats FROM " + keyspace + ".history_rollup_%s "
                + "WHERE patient_id = ? AND period = ? AND bucket >= ? AND bucket < ?";
        this.hours = new Resolution(HistoryBlocks.HOUR_MILLIS, session.prepare(String.format(rollup, "1h")));
        this.minutes = new Resolution(HistoryBlocks.BLOCK_MILLIS, session.prepare(String.format(rollup, "1m")));
    }

    @Override
    public void scan(String patientId, Instant from, Instant to, Predicate<HistoryEntry> sink) {
        if (!to.isAfter(from)) {
            return;
        }
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        Instant firstBlock = Instant.ofEpochMilli(HistoryBlocks.blockStart(fromMs));
        List<LocalDate> days = days(fromMs, toMs);
        ArrayDeque<CompletionStage<AsyncResultSet>> ahead = new ArrayDeque<>();
        int next = 0;
        while (next < days.size() && ahead.size() < PREFETCH_DAYS) {
            ahead.add(session.executeAsync(blocks(patientId, days.get(next++), firstBlock, to)));
        }
        while (!ahead.isEmpty()) {
            AsyncResultSet page = HistoryWriter.join(ahead.poll());
            if (next < days.size()) {
                ahead.add(session.executeAsync(blocks(patientId, days.get(next++), firstBlock, to)));
            }
            while (true) {
                for (Row r : page.currentPage()) {
                    List<HistoryEntry> block = HistoryBlockCodec.decode(patientId,
                            r.getInstant("block_start").toEpochMilli(), HistoryWriter.bytes(r.getByteBuffer("block")));
                    for (int i = block.size() - 1; i >= 0; i--) {
                        HistoryEntry e = block.get(i);
                        long ts = e.observation().ts();
                        if (ts >= fromMs && ts < toMs && !sink.test(e)) {
                            return;
                        }
                    }
                }
                if (!page.hasMorePages()) {
                    break;
                }
                page = HistoryWriter.join(page.fetchNextPage());
            }
        }
    }

    private BoundStatement blocks(String patientId, LocalDate day, Instant firstBlock, Instant to) {
        return selectBlocks.bind(patientId, day, firstBlock, to).setTimeout(timeout);
    }

    @Override
    public AggregatedSeries aggregate(String patientId, Instant from, Instant to, long bucketMillis) {
        Resolution res = bucketMillis >= ROLLUP_SPAN * hours.millis() ? hours
                : bucketMillis >= ROLLUP_SPAN * minutes.millis() ? minutes : null;
        if (res == null) {
            return VitalHistory.super.aggregate(patientId, from, to, bucketMillis);
        }
        RollupAggregator out = new RollupAggregator(from, to, bucketMillis);
        long fromMs = from.toEpochMilli();
        long toMs = to.toEpochMilli();
        long first = Math.min(toMs, Math.floorDiv(fromMs + res.millis() - 1, res.millis()) * res.millis());
        long last = Math.max(first, Math.floorDiv(toMs, res.millis()) * res.millis());
        // the ends that do not fill a whole rollup row come from the raw readings
        scan(patientId, from, Instant.ofEpochMilli(first), e -> out.add(e));
        scan(patientId, Instant.ofEpochMilli(last), to, e -> out.add(e));
        if (last > first) {
            readRollups(patientId, res, first, last, out);
        }
        return out.result();
    }

    private void readRollups(String patientId, Resolution res, long first, long last, RollupAggregator out) {
        List<CompletionStage<AsyncResultSet>> partitions = new ArrayList<>();
        if (res == hours) {
            for (int year = HistoryBlocks.dayOf(first).getYear(); year <= HistoryBlocks.dayOf(last - 1)
                    .getYear(); year++) {
                partitions.add(session.executeAsync(res.select().bind(patientId, year, Instant.ofEpochMilli(first),
                        Instant.ofEpochMilli(last))));
            }
        } else {
            for (LocalDate day : days(first, last)) {
                partitions.add(session.executeAsync(res.select().bind(patientId, (int) day.toEpochDay(),
                        Instant.ofEpochMilli(first), Instant.ofEpochMilli(last))));
            }
        }
        for (CompletionStage<AsyncResultSet> partition : partitions) {
            AsyncResultSet page = HistoryWriter.join(partition);
            while (true) {
                for (Row r : page.currentPage()) {
                    out.add(r.getInstant("bucket").toEpochMilli(), r.getInt("readings"),
                            RollupRows.stats(r.getMap("stats", String.class, TupleValue.class)));
                }
                if (!page.hasMorePages()) {
                    break;
                }
                page = HistoryWriter.join(page.fetchNextPage());
            }
        }
    }

    /** UTC days covering {@code [fromMs, toMs)}, newest first. */
    private static List<LocalDate> days(long fromMs, long toMs) {
        LocalDate first = HistoryBlocks.dayOf(fromMs);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = HistoryBlocks.dayOf(toMs - 1); !day.isBefore(first); day = day.minusDays(1)) {
            days.add(day);
        }
        return days;
    }
}
