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
        applyHistoryBlocks(session, keyspace, ttlSeconds);
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
        applyMaintenance(session, keyspace, ttlSeconds);
        RegistrySchema.apply(session, keyspace);
        applyDashboard(session, keyspace);
    }

    /**
     * Only the history tables ({@code history_blocks}, the rollups, {@code history_days}), as {@link #apply} creates
     * them: for the history storage benchmark, which measures these tables alone (each CREATE waits for schema
     * agreement; the whole schema five times was most of its test's run time).
     */
    public static void applyHistory(CqlSession session, String keyspace, String replication, int retentionDays) {
        long ttlSeconds = retentionDays * 86_400L;
        session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
        applyHistoryBlocks(session, keyspace, ttlSeconds);
        applyHistoryDays(session, keyspace, ttlSeconds);
    }

    /**
     * History as compressed patient-minute blocks and 1-minute / 1-hour rollups
     * (docs/history-storage.md). Blocks: partition per patient-day (1,440 rows of ~100 bytes),
     * newest first like the rows before. Rollups: {@code period} is the epoch day (1-minute rows,
     * 1,440 per partition) or the year (1-hour rows, 8,784 per partition), so a one-year chart
     * reads one or two partitions. {@code observations_by_patient_day} above is the row layout
     * of earlier versions, kept until RowLayoutMigration has converted it.
     */
    private static void applyHistoryBlocks(CqlSession session, String keyspace, long ttlSeconds) {
        String timeWindows = "AND default_time_to_live = " + ttlSeconds + " "
                + "AND compaction = {'class': 'TimeWindowCompactionStrategy', "
                + "'compaction_window_unit': 'DAYS', 'compaction_window_size': 1}";
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".history_blocks ("
                + "patient_id text, day date, block_start timestamp, block blob, "
                + "PRIMARY KEY ((patient_id, day), block_start)) "
                + "WITH CLUSTERING ORDER BY (block_start DESC) " + timeWindows);
        for (String table : new String[] {"history_rollup_1m", "history_rollup_1h"}) {
            session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + "." + table + " ("
                    + "patient_id text, period int, bucket timestamp, readings int, "
                    + "stats map<text, frozen<tuple<double, double, double, int>>>, "
                    + "PRIMARY KEY ((patient_id, period), bucket)) "
                    + "WITH CLUSTERING ORDER BY (bucket ASC) " + timeWindows);
        }
    }

    /**
     * The dashboard's accounts, its access audit trail (no TTL: the trail outlives the data it
     * covers), and the clinicians' messages to patients.
     */
    private static void applyDashboard(CqlSession session, String keyspace) {
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".patient_messages ("
                + "patient_id text, ts timestamp, message_id text, from_user text, from_name text, text text, "
                + "PRIMARY KEY ((patient_id), ts, message_id)) WITH CLUSTERING ORDER BY (ts DESC, message_id ASC)");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".dashboard_users ("
                + "username text PRIMARY KEY, display_name text, password_hash text, roles set<text>, "
                + "wards set<text>, care_teams set<text>, patient_id text, updated_at timestamp)");
        String auditColumns = "recorded timestamp, event_id text, type text, subtype text, action text, outcome int, "
                + "user_id text, roles set<text>, network_address text, patient_id text, query text, detail text, ";
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".access_audit (day date, " + auditColumns
                + "PRIMARY KEY ((day), recorded, event_id)) WITH CLUSTERING ORDER BY (recorded DESC, event_id ASC)");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".access_audit_by_patient (" + auditColumns
                + "PRIMARY KEY ((patient_id), recorded, event_id)) WITH CLUSTERING ORDER BY (recorded DESC, event_id "
                + "ASC)");
    }

    /**
     * Tables of the leader-elected maintenance jobs: which patient-days have history (so the
     * archive job finds them without scanning), the archive catalog (no TTL: it must outlive the
     * data), the care-team summaries, discharges, and the Cassandra copy of the thresholds audit trail.
     */
    private static void applyMaintenance(CqlSession session, String keyspace, long ttlSeconds) {
        applyHistoryDays(session, keyspace, ttlSeconds);
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".archive_catalog ("
                + "kind text, day date, location text, patients set<text>, patient_count int, "
                + "from_ts timestamp, to_ts timestamp, row_count bigint, bytes bigint, sha256 text, "
                + "archived_at timestamp, archived_by text, hmac text, encryption text, PRIMARY KEY ((kind), day)) "
                + "WITH CLUSTERING ORDER BY (day DESC)");
        // catalogs created before archives were encrypted and keyed
        session.execute("ALTER TABLE " + keyspace + ".archive_catalog ADD IF NOT EXISTS hmac text");
        session.execute("ALTER TABLE " + keyspace + ".archive_catalog ADD IF NOT EXISTS encryption text");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".archive_by_patient ("
                + "patient_id text, day date, kind text, location text, row_count bigint, sha256 text, "
                + "PRIMARY KEY ((patient_id), day, kind)) WITH CLUSTERING ORDER BY (day DESC, kind ASC)");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".summaries_by_team ("
                + "care_team text, day date, slot timestamp, summary_id text, generated_at timestamp, "
                + "patients_at_risk int, summary text, PRIMARY KEY ((care_team, day), slot)) "
                + "WITH CLUSTERING ORDER BY (slot DESC) AND default_time_to_live = " + ttlSeconds);
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".discharges ("
                + "patient_id text PRIMARY KEY, discharged_at timestamp)");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".thresholds_audit ("
                + "scope text, change bigint, who text, at timestamp, why text, from_version int, "
                + "before text, after text, copied_at timestamp, PRIMARY KEY ((scope), change)) "
                + "WITH CLUSTERING ORDER BY (change DESC)");
    }

    /** Which patient-days have history: written with the history, read by the archive job. */
    private static void applyHistoryDays(CqlSession session, String keyspace, long ttlSeconds) {
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".history_days ("
                + "day date, patient_id text, PRIMARY KEY ((day), patient_id)) "
                + "WITH default_time_to_live = " + ttlSeconds);
    }
}
