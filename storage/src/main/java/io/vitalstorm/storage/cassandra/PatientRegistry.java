package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

import java.time.Instant;
import java.util.Optional;

/** The system of record for patient profiles (Cassandra table {@code patients}). */
public final class PatientRegistry {

    private final CqlSession session;
    private final PreparedStatement upsert;
    private final PreparedStatement select;

    public PatientRegistry(CqlSession session, String keyspace) {
        this.session = session;
        this.upsert = session.prepare("INSERT INTO " + keyspace + ".patients (patient_id, name, age, ward, care_team, "
                + "doctor, spo2_scale, contact, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.select = session.prepare("SELECT patient_id, name, age, ward, care_team, doctor, spo2_scale, contact "
                + "FROM " + keyspace + ".patients WHERE patient_id = ?");
    }

    public void save(PatientProfile p) {
        session.execute(upsert.bind(p.patientId(), p.displayName(), p.age(), p.ward(), p.careTeam(),
                p.responsibleDoctor(), p.spo2Scale().number(), p.contactChannel(), Instant.now()));
    }

    public Optional<PatientProfile> find(String patientId) {
        Row r = session.execute(select.bind(patientId)).one();
        if (r == null) {
            return Optional.empty();
        }
        Integer age = r.isNull("age") ? null : r.getInt("age");
        int scale = r.isNull("spo2_scale") ? 1 : r.getInt("spo2_scale");
        return Optional.of(new PatientProfile(r.getString("patient_id"), r.getString("name"), age, r.getString("ward"),
                r.getString("care_team"), r.getString("doctor"), Spo2Scale.of(scale), r.getString("contact")));
    }
}
