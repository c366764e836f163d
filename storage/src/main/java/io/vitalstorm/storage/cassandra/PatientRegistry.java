package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.PatientProfileJson;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system of record for patient profiles (Cassandra table {@code patients}) and its history
 * ({@code registry_history}): every change is written together with its history row in one
 * logged batch, so no profile ever changes without a trace of who changed it and when.
 */
public final class PatientRegistry {

    private static final String COLUMNS = "patient_id, name, age, ward, care_team, doctor, spo2_scale, contact, "
            + "identifiers, source, source_time, provisional";

    private final CqlSession session;
    private final PreparedStatement upsert;
    private final PreparedStatement select;
    private final PreparedStatement selectAll;
    private final PreparedStatement delete;
    private final PreparedStatement insertHistory;
    private final PreparedStatement selectHistory;

    public PatientRegistry(CqlSession session, String keyspace) {
        this.session = session;
        this.upsert = session.prepare("INSERT INTO " + keyspace + ".patients (" + COLUMNS + ", updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.select = session.prepare("SELECT " + COLUMNS + " FROM " + keyspace + ".patients WHERE patient_id = ?");
        this.selectAll = session.prepare("SELECT " + COLUMNS + " FROM " + keyspace + ".patients");
        this.delete = session.prepare("DELETE FROM " + keyspace + ".patients WHERE patient_id = ?");
        this.insertHistory = session.prepare("INSERT INTO " + keyspace + ".registry_history (patient_id, changed_at, "
                + "change_id, source, source_time, kind, before, after, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.selectHistory = session.prepare("SELECT * FROM " + keyspace + ".registry_history WHERE patient_id = ?");
    }

    /** An operator's upsert ({@code patients load}): a CLI change with history. */
    public void save(PatientProfile p) {
        RegistryRecord next = new RegistryRecord(p, Map.of(), ChangeSource.CLI, Instant.now(), false);
        apply(next, findRecord(p.patientId()), "load", null);
    }

    public Optional<PatientProfile> find(String patientId) {
        return findRecord(patientId).map(RegistryRecord::profile);
    }

    public Optional<RegistryRecord> findRecord(String patientId) {
        Row r = session.execute(select.bind(patientId)).one();
        return r == null ? Optional.empty() : Optional.of(record(r));
    }

    /** Every registered patient (the full-diff sync compares the hospital's table with it). */
    public Map<String, RegistryRecord> all() {
        Map<String, RegistryRecord> out = new HashMap<>();
        for (Row r : session.execute(selectAll.bind())) {
            RegistryRecord rec = record(r);
            out.put(rec.patientId(), rec);
        }
        return out;
    }

    /**
     * Writes {@code next} and its history row ({@code kind}: created, updated, transfer, ...).
     * {@code before} is what the caller compared against, for the history.
     */
    public void apply(RegistryRecord next, Optional<RegistryRecord> before, String kind, String detail) {
        PatientProfile p = next.profile();
        Instant now = Instant.now();
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
                upsert.bind(p.patientId(), p.displayName(), p.age(), p.ward(), p.careTeam(), p.responsibleDoctor(),
                        p.spo2Scale().number(), p.contactChannel(), next.identifiers(), next.source().name(),
                        next.sourceTime(), next.provisional(), now),
                history(p.patientId(), now, next.source(), next.sourceTime(), kind,
                        before.map(PatientRegistry::json).orElse(null), json(next), detail)));
    }

    /** Removes the patient's profile (their readings are enriched as an unknown patient from then on), with history. */
    public void remove(RegistryRecord before, ChangeSource source, Instant sourceTime, String detail) {
        Instant now = Instant.now();
        session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED, delete.bind(before.patientId()),
                history(before.patientId(), now, source, sourceTime, "deleted", json(before), null, detail)));
    }

    /** A history row without a profile change: a discharge, a held deletion, a conflict. */
    public void note(String patientId, ChangeSource source, Instant sourceTime, String kind, String detail) {
        session.execute(history(patientId, Instant.now(), source, sourceTime, kind, null, null, detail));
    }

    /** Newest first. */
    public List<RegistryChange> history(String patientId) {
        List<RegistryChange> out = new ArrayList<>();
        for (Row r : session.execute(selectHistory.bind(patientId))) {
            out.add(new RegistryChange(r.getString("patient_id"), r.getInstant("changed_at"),
                    ChangeSource.valueOf(r.getString("source")), r.getInstant("source_time"), r.getString("kind"),
                    r.getString("before"), r.getString("after"), r.getString("detail")));
        }
        return out;
    }

    private com.datastax.oss.driver.api.core.cql.BoundStatement history(String patientId, Instant at,
            ChangeSource source,
                                                                         Instant sourceTime, String kind, String before,
                                                                         String after, String detail) {
        return insertHistory.bind(patientId, at, Uuids.timeBased(), source.name(), sourceTime, kind, before,
                after, detail);
    }

    /** The history's JSON of a record: the profile's registry JSON plus identifiers and the provisional flag. */
    public static String json(RegistryRecord r) {
        ObjectNode n = PatientProfileJson.toJson(r.profile());
        if (r.provisional()) {
            n.put("provisional", true);
        }
        return Json.string(n);
    }

    /** Reads {@link #json} back. */
    public static RegistryRecord fromJson(String json, ChangeSource source, Instant sourceTime) {
        com.fasterxml.jackson.databind.JsonNode n;
        try {
            n = Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a registry JSON: " + e.getMessage(), e);
        }
        Map<String, String> ids = new HashMap<>();
        com.fasterxml.jackson.databind.JsonNode given = n.get("identifiers");
        if (given != null && given.isObject()) {
            // the first registry-history rows kept identifiers as a {system: value} object
            given.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asText()));
            ((ObjectNode) n).remove("identifiers");
        }
        PatientProfile profile = PatientProfileJson.parse(Json.string(n));
        return new RegistryRecord(profile, ids, source, sourceTime,
                n.path("provisional").asBoolean(false));
    }

    private static RegistryRecord record(Row r) {
        Integer age = r.isNull("age") ? null : r.getInt("age");
        int scale = r.isNull("spo2_scale") ? 1 : r.getInt("spo2_scale");
        PatientProfile p = new PatientProfile(r.getString("patient_id"), r.getString("name"), age, r.getString("ward"),
                r.getString("care_team"), r.getString("doctor"), Spo2Scale.of(scale), r.getString("contact"));
        String source = r.getString("source");
        Map<String, String> ids = r.getMap("identifiers", String.class, String.class);
        return new RegistryRecord(p, ids,
                source == null ? ChangeSource.CLI : ChangeSource.valueOf(source), r.getInstant("source_time"),
                !r.isNull("provisional") && r.getBoolean("provisional"));
    }
}
