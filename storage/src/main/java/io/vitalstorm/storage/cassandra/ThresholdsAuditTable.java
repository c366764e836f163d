package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Cassandra copy of the thresholds audit trail ({@code thresholds_audit}), keyed by scope and
 * ZooKeeper change number, so copying a record again is a no-op. No TTL: an audit trail is kept.
 */
public final class ThresholdsAuditTable {

    /** One audit record as copied from ZooKeeper. */
    public record AuditRecord(String scope, long change, String who, Instant at, String why, int fromVersion,
                       String before, String after) {
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement changes;
    private final PreparedStatement select;

    public ThresholdsAuditTable(CqlSession session, String keyspace) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO " + keyspace + ".thresholds_audit (scope, change, who, at, why, "
                + "from_version, before, after, copied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.changes = session.prepare("SELECT change FROM " + keyspace + ".thresholds_audit WHERE scope = ?");
        this.select = session.prepare("SELECT * FROM " + keyspace + ".thresholds_audit WHERE scope = ?");
    }

    public Set<Long> changesOf(String scope) {
        Set<Long> out = new HashSet<>();
        for (Row r : session.execute(changes.bind(scope))) {
            out.add(r.getLong("change"));
        }
        return out;
    }

    public void save(AuditRecord r) {
        session.execute(insert.bind(r.scope(), r.change(), r.who(), r.at(), r.why(), r.fromVersion(), r.before(),
                r.after(), Instant.now()));
    }

    /** Newest change first. */
    public List<AuditRecord> history(String scope) {
        List<AuditRecord> out = new ArrayList<>();
        for (Row r : session.execute(select.bind(scope))) {
            out.add(new AuditRecord(r.getString("scope"), r.getLong("change"), r.getString("who"), r.getInstant("at"),
                    r.getString("why"), r.getInt("from_version"), r.getString("before"), r.getString("after")));
        }
        return out;
    }
}
