package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vitalstorm.core.model.Consciousness;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.VitalHistory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The row-per-reading layout written before history blocks (kept to migrate it, see
 * {@link RowLayoutMigration}): reads a patient's history for a time range, newest first, one
 * day-partition at a time, the next days asked for ahead; the driver pages within a day, so a
 * stopped scan reads little beyond what it used.
 */
public final class RowHistoryReader implements VitalHistory {

    /** Day partitions asked for ahead of the one being read. */
    static final int PREFETCH_DAYS = 16;

    private final CqlSession session;
    private final PreparedStatement select;

    public RowHistoryReader(CqlSession session, String keyspace) {
        this.session = session;
        this.select = session.prepare("SELECT * FROM " + keyspace + ".observations_by_patient_day "
                + "WHERE patient_id = ? AND day = ? AND ts >= ? AND ts < ?");
    }

    @Override
    public void scan(String patientId, Instant from, Instant to, Predicate<HistoryEntry> sink) {
        if (!to.isAfter(from)) {
            return;
        }
        LocalDate first = io.vitalstorm.storage.history.HistoryBlocks.dayOf(from.toEpochMilli());
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = io.vitalstorm.storage.history.HistoryBlocks.dayOf(to.toEpochMilli() - 1); !day.isBefore(
                first); day = day.minusDays(1)) {
            days.add(day);
        }
        // a year is 366 partitions: ask for the next few days while the current one is read, in order
        ArrayDeque<CompletionStage<AsyncResultSet>> ahead = new ArrayDeque<>();
        int next = 0;
        while (next < days.size() && ahead.size() < PREFETCH_DAYS) {
            ahead.add(session.executeAsync(select.bind(patientId, days.get(next++), from, to)));
        }
        while (!ahead.isEmpty()) {
            AsyncResultSet page = join(ahead.poll());
            if (next < days.size()) {
                ahead.add(session.executeAsync(select.bind(patientId, days.get(next++), from, to)));
            }
            while (true) {
                for (Row r : page.currentPage()) {
                    if (!sink.test(entry(r))) {
                        return;
                    }
                }
                if (!page.hasMorePages()) {
                    break;
                }
                page = join(page.fetchNextPage());
            }
        }
    }

    private static AsyncResultSet join(CompletionStage<AsyncResultSet> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static HistoryEntry entry(Row r) {
        String acvpu = r.getString("consciousness");
        Observation o = new Observation(r.getString("patient_id"), emptyToNull(r.getString("device_id")),
                r.getInstant("ts").toEpochMilli(), num(r, "heart_rate"), num(r, "respiratory_rate"), num(r, "spo2"),
                num(r, "systolic_bp"), num(r, "temperature"),
                acvpu == null ? null : Consciousness.fromCode(acvpu).orElse(null),
                r.isNull("on_oxygen") ? null : r.getBool("on_oxygen"));
        return new HistoryEntry(o, r.getInt("news2"), r.getString("band"),
                r.getMap("subscores", String.class, Integer.class), r.getBool("incomplete"),
                r.getBool("known_patient"));
    }

    private static Double num(Row r, String column) {
        return r.isNull(column) ? null : r.getDouble(column);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
