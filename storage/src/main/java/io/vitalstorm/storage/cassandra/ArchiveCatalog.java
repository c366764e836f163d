package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The archive catalog: one entry per exported day (what, which patients, time range, where,
 * SHA-256, rows), plus a per-patient index to answer "which archives hold patient P". No TTL:
 * the catalog outlives the rows it describes.
 */
public final class ArchiveCatalog {

    public static final String OBSERVATIONS = "observations";

    /**
     * One archived day. {@code sha256} and {@code hmac} (hex, null when no checksum keyset was set)
     * are of the file's stored bytes; {@code encryption} says how it is encrypted ({@code none} for
     * entries written before archives could be).
     */
    public record Entry(String kind, LocalDate day, String location, Set<String> patients, Instant from, Instant to,
                        long rows, long bytes, String sha256, Instant archivedAt, String archivedBy, String hmac,
                        String encryption) {
    }

    /** One patient's share of an archived day. */
    public record PatientEntry(String patientId, LocalDate day, String kind, String location, long rows,
            String sha256) {
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement insertByPatient;
    private final PreparedStatement range;
    private final PreparedStatement byPatient;

    public ArchiveCatalog(CqlSession session, String keyspace) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO " + keyspace + ".archive_catalog (kind, day, location, patients, "
                + "patient_count, from_ts, to_ts, row_count, bytes, sha256, archived_at, archived_by, hmac, "
                + "encryption) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.insertByPatient = session.prepare("INSERT INTO " + keyspace + ".archive_by_patient "
                + "(patient_id, day, kind, location, row_count, sha256) VALUES (?, ?, ?, ?, ?, ?)");
        this.range =
                session.prepare("SELECT * FROM " + keyspace
                        + ".archive_catalog WHERE kind = ? AND day >= ? AND day <= ?");
        this.byPatient = session.prepare("SELECT * FROM " + keyspace + ".archive_by_patient "
                + "WHERE patient_id = ? AND day >= ? AND day <= ?");
    }

    /** Records the per-patient rows first, the day entry last: a day listed in the catalog is complete. */
    public void record(Entry e, List<PatientEntry> perPatient) {
        for (int i = 0; i < perPatient.size(); i += 100) {
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
            for (PatientEntry p : perPatient.subList(i, Math.min(i + 100, perPatient.size()))) {
                batch.addStatement(
                        insertByPatient.bind(p.patientId(), p.day(), p.kind(), p.location(), p.rows(), p.sha256()));
            }
            session.execute(batch.build());
        }
        session.execute(
                insert.bind(e.kind(), e.day(), e.location(), e.patients(), e.patients().size(), e.from(), e.to(),
                e.rows(), e.bytes(), e.sha256(), e.archivedAt(), e.archivedBy(), e.hmac(), e.encryption()));
    }

    /** Newest day first. */
    public List<Entry> list(String kind, LocalDate from, LocalDate to) {
        List<Entry> out = new ArrayList<>();
        for (Row r : session.execute(range.bind(kind, from, to))) {
            out.add(new Entry(r.getString("kind"), r.getLocalDate("day"), r.getString("location"),
                    r.getSet("patients", String.class), r.getInstant("from_ts"), r.getInstant("to_ts"),
                    r.getLong("row_count"), r.getLong("bytes"), r.getString("sha256"), r.getInstant("archived_at"),
                    r.getString("archived_by"), r.getString("hmac"),
                    r.getString("encryption") == null ? "none" : r.getString("encryption")));
        }
        return out;
    }

    /** Newest day first. */
    public List<PatientEntry> forPatient(String patientId, LocalDate from, LocalDate to) {
        List<PatientEntry> out = new ArrayList<>();
        for (Row r : session.execute(byPatient.bind(patientId, from, to))) {
            out.add(new PatientEntry(r.getString("patient_id"), r.getLocalDate("day"), r.getString("kind"),
                    r.getString("location"), r.getLong("row_count"), r.getString("sha256")));
        }
        return out;
    }
}
