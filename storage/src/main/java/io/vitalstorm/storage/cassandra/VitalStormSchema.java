package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The Cassandra schema (idempotent). History is partitioned per patient per UTC day: a day of
 * 1 Hz readings is ~86k small rows (a few MiB), a year-long query walks 366 partitions, and
 * time-window compaction drops whole expired SSTables when the retention TTL runs out.
 */
public final class VitalStormSchema {

    private VitalStormSchema() {
    }

    public static void apply(CqlSession session, String keyspace, String replication, int retentionDays) {
        long ttlSeconds = retentionDays * 86_400L;
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".patients ("
                + "patient_id text PRIMARY KEY, name text, age int, ward text, care_team text, doctor text, "
                + "spo2_scale int, contact text, updated_at timestamp)");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".observations_by_patient_day ("
                + "patient_id text, day date, ts timestamp, device_id text, "
                + "heart_rate double, respiratory_rate double, spo2 double, systolic_bp double, temperature double, "
                + "consciousness text, on_oxygen boolean, "
                + "news2 int, band text, subscores map<text, int>, incomplete boolean, known_patient boolean, "
                + "PRIMARY KEY ((patient_id, day), ts, device_id)) "
                + "WITH CLUSTERING ORDER BY (ts DESC, device_id ASC) "
                + "AND default_time_to_live = " + ttlSeconds + " "
                + "AND compaction = {'class': 'TimeWindowCompactionStrategy', "
                + "'compaction_window_unit': 'DAYS', 'compaction_window_size': 1}");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".alerts_by_patient ("
                + "patient_id text, ts timestamp, event_id text, alert_id text, condition text, state text, "
                + "band text, news2 int, acknowledged_by text, "
                + "subscores map<text, int>, reason text, ward text, care_team text, doctor text, "
                + "known_patient boolean, "
                + "PRIMARY KEY ((patient_id), ts, event_id)) "
                + "WITH CLUSTERING ORDER BY (ts DESC, event_id ASC) "
                + "AND default_time_to_live = " + ttlSeconds);
        // keyspaces created before the alert lifecycle had conditions and acknowledgements
        session.execute("ALTER TABLE " + keyspace + ".alerts_by_patient ADD IF NOT EXISTS condition text");
        session.execute("ALTER TABLE " + keyspace + ".alerts_by_patient ADD IF NOT EXISTS acknowledged_by text");
    }
}
