package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The care-team summaries ({@code summaries_by_team}), partitioned per team per UTC day so a
 * partition stays small (144 rows a day at the 10-minute default). Keyed by slot: storing the
 * same slot again overwrites it.
 */
public final class SummaryStore {

    /** One stored summary; {@code json} is the document published on the summaries topic. */
    public record Stored(String careTeam, Instant slot, String summaryId, Instant generatedAt, int patientsAtRisk,
            String json) {
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final int ttlSeconds;

    public SummaryStore(CqlSession session, String keyspace, int retentionDays) {
        this.session = session;
        this.ttlSeconds = retentionDays * 86_400;
        this.insert =
                session.prepare("INSERT INTO " + keyspace + ".summaries_by_team (care_team, day, slot, summary_id, "
                + "generated_at, patients_at_risk, summary) VALUES (?, ?, ?, ?, ?, ?, ?) USING TTL ?");
        this.select =
                session.prepare("SELECT * FROM " + keyspace + ".summaries_by_team WHERE care_team = ? AND day = ?");
    }

    public void save(Stored s) {
        session.execute(insert.bind(s.careTeam(), dayOf(s.slot()), s.slot(), s.summaryId(), s.generatedAt(),
                s.patientsAtRisk(), s.json(), ttlSeconds));
    }

    /** The team's summaries of one UTC day, newest first. */
    public List<Stored> forTeam(String careTeam, LocalDate day) {
        List<Stored> out = new ArrayList<>();
        for (Row r : session.execute(select.bind(careTeam, day))) {
            out.add(new Stored(r.getString("care_team"), r.getInstant("slot"), r.getString("summary_id"),
                    r.getInstant("generated_at"), r.getInt("patients_at_risk"), r.getString("summary")));
        }
        return out;
    }

    private static LocalDate dayOf(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
