package io.vitalstorm.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A hospital's patient database on a real PostgreSQL, as the registry sync meets it: wards (with
 * their care teams), staff, patients (MRN, pseudonym, birth date, SpO2 scale, contact, a soft-delete
 * flag) and admissions (ward, attending doctor, discharge time), each table with its own update
 * time. VitalStorm reads it through a read-only role, as a hospital would grant it.
 */
public final class HospitalDatabase {

    /** One row per patient: the open admission's ward, its care team and doctor; updated when either changed. */
    public static final String REGISTRY_QUERY = "SELECT p.patient_id, p.mrn, p.pseudonym AS name, p.birth_date, "
            + "a.ward_code AS ward, w.care_team, s.full_name AS doctor, p.spo2_scale, p.contact, p.deleted, "
            + "GREATEST(p.updated_at, a.updated_at) AS updated_at "
            + "FROM patients p LEFT JOIN admissions a ON a.patient_id = p.patient_id AND a.discharged_at IS NULL "
            + "LEFT JOIN wards w ON w.ward_code = a.ward_code LEFT JOIN staff s ON s.staff_id = a.attending";

    public static final String READER = "vitalstorm_reader";

    private final String url;
    private final String superPassword;
    private final Path readerPasswordFile;

    private HospitalDatabase(String url, String superPassword, Path readerPasswordFile) {
        this.url = url;
        this.superPassword = superPassword;
        this.readerPasswordFile = readerPasswordFile;
    }

    /**
     * Creates database {@code name} with the hospital schema and a read-only role whose password
     * goes to a mode-0600 file in {@code dir}.
     */
    public static HospitalDatabase create(String serverUrl, String superuser, Path superPasswordFile,
            String name, Path dir)
            throws SQLException, IOException {
        String superPassword = Files.readString(superPasswordFile, StandardCharsets.UTF_8).strip();
        String readerPassword = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(serverUrl + "/postgres", superuser, superPassword);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + READER + "') THEN "
                    + "CREATE ROLE " + READER + " LOGIN; END IF; END $$");
            st.execute("ALTER ROLE " + READER + " PASSWORD '" + readerPassword + "'");
        }
        HospitalDatabase db = new HospitalDatabase(serverUrl + "/" + name, superPassword,
                dir.resolve(name + ".reader.password"));
        db.update("CREATE TABLE wards (ward_code text PRIMARY KEY, ward_name text NOT NULL, care_team text, "
                + "updated_at timestamptz NOT NULL DEFAULT clock_timestamp())");
        db.update("CREATE TABLE staff (staff_id text PRIMARY KEY, full_name text NOT NULL, role text NOT NULL)");
        db.update("CREATE TABLE patients (patient_id text PRIMARY KEY, mrn text UNIQUE NOT NULL, pseudonym text, "
                + "birth_date date, spo2_scale int, contact text, deleted boolean NOT NULL DEFAULT false, "
                + "updated_at timestamptz NOT NULL DEFAULT clock_timestamp())");
        db.update("CREATE TABLE admissions (admission_id serial PRIMARY KEY, patient_id text NOT NULL REFERENCES "
                + "patients, "
                + "ward_code text REFERENCES wards, attending text REFERENCES staff, admitted_at timestamptz NOT NULL "
                + "DEFAULT clock_timestamp(), discharged_at timestamptz, updated_at timestamptz NOT NULL DEFAULT "
                + "clock_timestamp())");
        db.update("GRANT CONNECT ON DATABASE " + name + " TO " + READER);
        db.update("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + READER);
        Files.writeString(db.readerPasswordFile, readerPassword + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(db.readerPasswordFile, PosixFilePermissions.fromString("rw-------"));
        return db;
    }

    public String url() {
        return url;
    }

    public Path readerPasswordFile() {
        return readerPasswordFile;
    }

    /** The registry-sync keys that read this database incrementally (the topology's or the CLI's). */
    public Map<String, Object> syncSettings(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("vitalstorm.registry.sql.name", name);
        m.put("vitalstorm.registry.sql.url", url);
        m.put("vitalstorm.registry.sql.user", READER);
        m.put("vitalstorm.registry.sql.password.file", readerPasswordFile.toString());
        m.put("vitalstorm.registry.sql.query", REGISTRY_QUERY);
        m.put("vitalstorm.registry.sql.updated.column", "updated_at");
        m.put("vitalstorm.registry.sql.identifier.mrn", "mrn");
        return m;
    }

    public void ward(String code, String careTeam) throws SQLException {
        update("INSERT INTO wards (ward_code, ward_name, care_team) VALUES (?, ?, ?)", code, "Ward " + code, careTeam);
    }

    public void staff(String id, String name) throws SQLException {
        update("INSERT INTO staff (staff_id, full_name, role) VALUES (?, ?, 'consultant')", id, name);
    }

    /** A new patient admitted to {@code ward} under {@code attending}; {@code birthDate} as YYYY-MM-DD. */
    public void admit(String patientId, String mrn, String pseudonym, String birthDate, int spo2Scale, String ward,
                      String attending) throws SQLException {
        update("INSERT INTO patients (patient_id, mrn, pseudonym, birth_date, spo2_scale, contact) VALUES (?, ?, ?, "
                + "?::date, ?, ?)",
                patientId, mrn, pseudonym, birthDate, spo2Scale, "sms:+44700" + mrn);
        update("INSERT INTO admissions (patient_id, ward_code, attending) VALUES (?, ?, ?)", patientId, ward,
                attending);
    }

    /** Moves the patient's open admission to another ward (as the hospital's bed management does). */
    public void transfer(String patientId, String ward) throws SQLException {
        update("UPDATE admissions SET ward_code = ?, updated_at = clock_timestamp() WHERE patient_id = ? AND "
                + "discharged_at IS NULL",
                ward, patientId);
    }

    /** Runs a statement as the database owner; returns the update count. */
    public int update(String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", superPassword);
             PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }
}
