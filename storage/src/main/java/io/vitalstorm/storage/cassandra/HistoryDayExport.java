package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.storage.history.HistoryBlockCodec;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads one UTC day of history for export: which patients have readings that day (the
 * {@code history_days} index HistoryWriter keeps), and each patient-day's readings, oldest
 * first, decoded from its blocks into JSON objects with the columns of the row layout of earlier
 * versions (so archive files keep one shape across the layout change).
 */
public final class HistoryDayExport {

    private final CqlSession session;
    private final PreparedStatement patients;
    private final PreparedStatement blocks;

    public HistoryDayExport(CqlSession session, String keyspace) {
        this.session = session;
        this.patients = session.prepare("SELECT patient_id FROM " + keyspace + ".history_days WHERE day = ?");
        this.blocks = session.prepare("SELECT block_start, block FROM " + keyspace + ".history_blocks "
                + "WHERE patient_id = ? AND day = ? ORDER BY block_start ASC");
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
        for (Row r : session.execute(blocks.bind(patientId, day))) {
            for (HistoryEntry e : HistoryBlockCodec.decode(patientId, r.getInstant("block_start").toEpochMilli(),
                    HistoryWriter.bytes(r.getByteBuffer("block")))) {
                sink.accept(json(day, e));
            }
        }
    }

    static ObjectNode json(LocalDate day, HistoryEntry e) {
        Observation o = e.observation();
        ObjectNode j = Json.object();
        j.put("patient_id", o.patientId());
        j.put("day", day.toString());
        j.put("ts", Instant.ofEpochMilli(o.ts()).toString());
        j.put("device_id", o.deviceId() == null ? "" : o.deviceId());
        number(j, "heart_rate", o.heartRate());
        number(j, "respiratory_rate", o.respiratoryRate());
        number(j, "spo2", o.spo2());
        number(j, "systolic_bp", o.systolicBp());
        number(j, "temperature", o.temperature());
        if (o.consciousness() != null) {
            j.put("consciousness", String.valueOf(o.consciousness().code()));
        }
        if (o.onOxygen() != null) {
            j.put("on_oxygen", o.onOxygen());
        }
        j.put("news2", e.news2());
        j.put("band", e.band());
        j.set("subscores", Json.MAPPER.valueToTree(new TreeMap<>(e.subscores())));
        j.put("incomplete", e.incomplete());
        j.put("known_patient", e.knownPatient());
        return j;
    }

    private static void number(ObjectNode j, String name, Double v) {
        if (v != null) {
            j.put(name, v);
        }
    }
}
