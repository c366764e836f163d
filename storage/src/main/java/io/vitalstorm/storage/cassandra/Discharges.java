package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Released beds: {@code vitalstorm patients discharge P} records when; the stale-state sweep
 * clears the patient's live state written before that moment. Rows expire after 30 days, long
 * after any sweep has seen them, so the table stays small enough to read whole.
 */
public final class Discharges {

    private static final int KEEP_SECONDS = (int) Duration.ofDays(30).toSeconds();

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement all;

    public Discharges(CqlSession session, String keyspace) {
        this.session = session;
        this.insert =
                session.prepare("INSERT INTO " + keyspace
                        + ".discharges (patient_id, discharged_at) VALUES (?, ?) USING TTL ?");
        this.all = session.prepare("SELECT patient_id, discharged_at FROM " + keyspace + ".discharges");
    }

    public void discharge(String patientId, Instant at) {
        session.execute(insert.bind(patientId, at, KEEP_SECONDS));
    }

    /** Every recent discharge: patient id to when. */
    public Map<String, Instant> recent() {
        Map<String, Instant> out = new HashMap<>();
        for (Row r : session.execute(all.bind())) {
            out.put(r.getString("patient_id"), r.getInstant("discharged_at"));
        }
        return out;
    }
}
