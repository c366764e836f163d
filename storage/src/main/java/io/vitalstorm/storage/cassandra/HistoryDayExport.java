package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads one UTC day of history for export: which patients have rows that day (the
 * {@code history_days} index HistoryWriter keeps), and each patient-day's rows, oldest first, as
 * JSON objects with every stored column (the driver pages through large partitions).
 */
public final class HistoryDayExport {

    private final CqlSession session;
    private final PreparedStatement patients;
    private final PreparedStatement rows;

    public HistoryDayExport(CqlSession session, String keyspace) {
        this.session = session;
        this.patients = session.prepare("SELECT patient_id FROM " + keyspace + ".history_days WHERE day = ?");
        this.rows = session.prepare("SELECT * FROM " + keyspace + ".observations_by_patient_day "
                + "WHERE patient_id = ? AND day = ? ORDER BY ts ASC");
    }

    /** Sorted, so an export of the same data is byte for byte the same file. */
    public List<String> patientsOn(LocalDate day) {
        TreeSet<String> out = new TreeSet<>();
        for (Row r : session.execute(patients.bind(day))) {
            out.add(r.getString("patient_id"));
        }
        return new ArrayList<>(out);
    }

    public void forEachRow(String patientId, LocalDate day, Consumer<ObjectNode> sink) {
        for (Row r : session.execute(rows.bind(patientId, day))) {
            sink.accept(json(r));
        }
    }

    private static ObjectNode json(Row r) {
        ObjectNode o = Json.object();
        for (ColumnDefinition c : r.getColumnDefinitions()) {
            String name = c.getName().asInternal();
            Object v = r.getObject(name);
            if (v instanceof Map<?, ?> m) {
                o.set(name, Json.MAPPER.valueToTree(m));
            } else if (v instanceof Number || v instanceof Boolean) {
                o.set(name, Json.MAPPER.valueToTree(v));
            } else if (v != null) {
                o.put(name, v.toString()); // text, ISO instant, ISO date
            }
        }
        return o;
    }
}
