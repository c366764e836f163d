package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One-off conversion of history written in the row-per-reading layout of earlier versions
 * ({@code observations_by_patient_day}) into blocks and rollups, a patient-day at a time,
 * through the same {@link HistoryWriter} merge as live readings: running it twice, or while the
 * topology writes the same days, stores every reading once. Rows are left in place (their TTL
 * removes them; drop the table once every day is converted).
 */
public final class RowLayoutMigration {

    /** Readings per write: a patient-hour of 1 Hz readings. */
    static final int CHUNK = 3_600;

    public record Result(int patientDays, long readings) {
    }

    private final CqlSession session;
    private final RowHistoryReader rows;
    private final HistoryWriter blocks;
    private final PreparedStatement patients;

    public RowLayoutMigration(CqlSession session, String keyspace, HistoryWriter blocks) {
        this.session = session;
        this.rows = new RowHistoryReader(session, keyspace);
        this.blocks = blocks;
        this.patients = session.prepare("SELECT patient_id FROM " + keyspace + ".history_days WHERE day = ?");
    }

    /** Converts the days {@code from..to} (inclusive); the patients come from the history_days index. */
    public Result migrate(LocalDate from, LocalDate to) {
        int patientDays = 0;
        long readings = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            for (Row r : session.execute(patients.bind(day))) {
                readings += migrate(r.getString("patient_id"), day);
                patientDays++;
            }
        }
        return new Result(patientDays, readings);
    }

    long migrate(String patientId, LocalDate day) {
        List<HistoryEntry> chunk = new ArrayList<>(CHUNK);
        long[] count = {0};
        rows.scan(patientId, day.atStartOfDay().toInstant(ZoneOffset.UTC),
                day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                e -> {
                    chunk.add(e);
                    count[0]++;
                    if (chunk.size() == CHUNK) {
                        flush(chunk);
                    }
                    return true;
                });
        flush(chunk);
        return count[0];
    }

    private void flush(List<HistoryEntry> chunk) {
        if (!chunk.isEmpty()) {
            HistoryWriter.join(blocks.writeEntries(new ArrayList<>(chunk)));
            chunk.clear();
        }
    }
}
