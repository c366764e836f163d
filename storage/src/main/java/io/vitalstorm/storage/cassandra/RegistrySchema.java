package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * Registry tables beyond the profile itself (idempotent): the provenance columns of
 * {@code patients}, the history of every change (kept as long as alerts can be explained, no
 * TTL), and the sync watermarks.
 */
final class RegistrySchema {

    private RegistrySchema() {
    }

    static void apply(CqlSession session, String keyspace) {
        for (String column : new String[] {"identifiers map<text, text>", "source text", "source_time timestamp",
                "provisional boolean"}) {
            session.execute("ALTER TABLE " + keyspace + ".patients ADD IF NOT EXISTS " + column);
        }
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".registry_history ("
                + "patient_id text, changed_at timestamp, change_id timeuuid, source text, source_time timestamp, "
                + "kind text, before text, after text, detail text, "
                + "PRIMARY KEY ((patient_id), changed_at, change_id)) "
                + "WITH CLUSTERING ORDER BY (changed_at DESC, change_id DESC)");
        session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".registry_sync_state ("
                + "name text PRIMARY KEY, watermark timestamp, last_run timestamp, last_report text, held set<text>)");
    }
}
