package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the SQL registry sync remembers between runs, per sync name: the watermark (highest update
 * time seen), when it last ran, its last report, the deletions it holds back, and the last row it read for each patient
 * (the registry JSON of what SQL said). The row snapshot is what lets a sync tell a change made in SQL
 * from one made since by an ADT event or an operator, field by field.
 */
public final class RegistrySyncState {

    /** The state of one sync before a run. */
    public record Run(Instant watermark, Instant lastRun, Set<String> heldDeletions) {
    }

    private final CqlSession session;
    private final PreparedStatement selectState;
    private final PreparedStatement saveState;
    private final PreparedStatement selectRow;
    private final PreparedStatement selectRows;
    private final PreparedStatement saveRow;
    private final PreparedStatement deleteRow;

    public RegistrySyncState(CqlSession session, String keyspace) {
        this.session = session;
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".registry_sql_rows ("
                + "name text, patient_id text, row text, PRIMARY KEY ((name), patient_id))");
        this.selectState =
                session.prepare("SELECT watermark, last_run, held FROM " + keyspace
                        + ".registry_sync_state WHERE name = ?");
        this.saveState =
                session.prepare("INSERT INTO " + keyspace
                        + ".registry_sync_state (name, watermark, last_run, last_report, held) "
                + "VALUES (?, ?, ?, ?, ?)");
        this.selectRow =
                session.prepare("SELECT row FROM " + keyspace + ".registry_sql_rows WHERE name = ? AND patient_id = ?");
        this.selectRows =
                session.prepare("SELECT patient_id, row FROM " + keyspace + ".registry_sql_rows WHERE name = ?");
        this.saveRow =
                session.prepare("INSERT INTO " + keyspace
                        + ".registry_sql_rows (name, patient_id, row) VALUES (?, ?, ?)");
        this.deleteRow =
                session.prepare("DELETE FROM " + keyspace + ".registry_sql_rows WHERE name = ? AND patient_id = ?");
    }

    /** Null fields before the first run. */
    public Run load(String name) {
        Row r = session.execute(selectState.bind(name)).one();
        return r == null ? new Run(null, null, Set.of())
                : new Run(r.getInstant("watermark"), r.getInstant("last_run"), r.getSet("held", String.class));
    }

    /** {@code heldDeletions}: patients deleted in SQL whose deletion waits for their alerts to close. */
    public void save(String name, Instant watermark, Instant lastRun, String report, Set<String> heldDeletions) {
        session.execute(saveState.bind(name, watermark, lastRun, report, heldDeletions));
    }

    public Optional<String> row(String name, String patientId) {
        Row r = session.execute(selectRow.bind(name, patientId)).one();
        return r == null ? Optional.empty() : Optional.ofNullable(r.getString("row"));
    }

    /** Every patient's last row: patient id to registry JSON. */
    public Map<String, String> rows(String name) {
        Map<String, String> out = new HashMap<>();
        for (Row r : session.execute(selectRows.bind(name))) {
            out.put(r.getString("patient_id"), r.getString("row"));
        }
        return out;
    }

    public void saveRow(String name, String patientId, String json) {
        session.execute(saveRow.bind(name, patientId, json));
    }

    public void forgetRow(String name, String patientId) {
        session.execute(deleteRow.bind(name, patientId));
    }
}
