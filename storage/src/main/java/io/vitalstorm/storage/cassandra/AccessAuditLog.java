package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Who saw or changed what, when and from where ({@code access_audit}), shaped like the IHE Basic
 * Audit Log Patterns {@code AuditEvent}: type/subtype (e.g. {@code rest}/{@code search-type} for a
 * query, {@code rest}/{@code read} for a patient read), action (C R U D E), outcome (0 success,
 * 4 minor failure such as a refused access, 8 serious failure), recorded time, the agent (user id,
 * roles, network address) and the entity (patient and query). Partitioned per UTC day; a second
 * table answers "who looked at this patient". No TTL: the audit trail outlives the data it covers.
 */
public final class AccessAuditLog {

    /** One audit event. {@code patientId} and {@code query} may be null (e.g. a login). */
    public record Event(String eventId, Instant recorded, String type, String subtype, String action, int outcome,
                        String userId, Set<String> roles, String networkAddress, String patientId, String query,
                        String detail) {
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement insertByPatient;
    private final PreparedStatement byDay;
    private final PreparedStatement byPatient;

    public AccessAuditLog(CqlSession session, String keyspace) {
        this.session = session;
        String columns = "recorded, event_id, type, subtype, action, outcome, user_id, roles, network_address, "
                + "patient_id, query, detail";
        this.insert = session.prepare("INSERT INTO " + keyspace + ".access_audit (day, " + columns
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.insertByPatient = session.prepare("INSERT INTO " + keyspace + ".access_audit_by_patient (" + columns
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.byDay = session.prepare("SELECT * FROM " + keyspace + ".access_audit WHERE day = ?");
        this.byPatient = session.prepare("SELECT * FROM " + keyspace + ".access_audit_by_patient WHERE patient_id = ?");
    }

    /** Completes when the event is stored (in both tables where it names a patient). */
    public CompletionStage<?> record(Event e) {
        LocalDate day = e.recorded().atZone(ZoneOffset.UTC).toLocalDate();
        CompletionStage<?> byDayWrite = session.executeAsync(insert.bind(day, e.recorded(), e.eventId(), e.type(),
                e.subtype(), e.action(), e.outcome(), e.userId(), e.roles(), e.networkAddress(), e.patientId(),
                e.query(), e.detail()));
        if (e.patientId() == null) {
            return byDayWrite;
        }
        CompletionStage<?> patientWrite = session.executeAsync(insertByPatient.bind(e.recorded(), e.eventId(), e.type(),
                e.subtype(), e.action(), e.outcome(), e.userId(), e.roles(), e.networkAddress(), e.patientId(),
                e.query(), e.detail()));
        return byDayWrite.thenCombine(patientWrite, (a, b) -> a);
    }

    /** The day's events, newest first. */
    public List<Event> forDay(LocalDate day) {
        return events(session.execute(byDay.bind(day)));
    }

    /** Every access to one patient's data, newest first. */
    public List<Event> forPatient(String patientId) {
        return events(session.execute(byPatient.bind(patientId)));
    }

    private static List<Event> events(Iterable<Row> rows) {
        List<Event> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Event(r.getString("event_id"), r.getInstant("recorded"), r.getString("type"),
                    r.getString("subtype"), r.getString("action"), r.getInt("outcome"), r.getString("user_id"),
                    r.getSet("roles", String.class), r.getString("network_address"), r.getString("patient_id"),
                    r.getString("query"), r.getString("detail")));
        }
        return out;
    }
}
