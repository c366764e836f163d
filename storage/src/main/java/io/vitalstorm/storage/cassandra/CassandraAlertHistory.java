package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.vitalstorm.core.alert.AlertHistory;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.alert.PastTransition;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A patient's stored alert transitions ({@code alerts_by_patient}, written by {@link AlertStore})
 * for an episode rebuild (Redis lost the episodes), through {@link RebuildReads}: short timeout,
 * fail fast after a failure. The newest {@link #MAX_TRANSITIONS} at most (the partition is newest
 * first); an alert whose OPEN falls beyond them is not rebuilt.
 */
public final class CassandraAlertHistory implements AlertHistory {

    static final int MAX_TRANSITIONS = 5_000;

    private record Select(CqlSession session, PreparedStatement statement) {
    }

    private final RebuildReads<Select> reads;

    public CassandraAlertHistory(Supplier<CqlSession> session, String keyspace) {
        this(session, keyspace, System::currentTimeMillis);
    }

    CassandraAlertHistory(Supplier<CqlSession> session, String keyspace, LongSupplier clock) {
        this.reads = new RebuildReads<>(session, s -> new Select(s, s.prepare(SimpleStatement.newInstance("SELECT "
                + "event_id, alert_id, condition, state, band, news2, ts, acknowledged_by, reason FROM " + keyspace
                + ".alerts_by_patient WHERE patient_id = ? LIMIT " + MAX_TRANSITIONS))), clock);
    }

    @Override
    public List<PastTransition> transitions(String patientId) {
        return reads.read(select -> {
            List<PastTransition> out = new ArrayList<>();
            for (Row r : select.session()
                    .execute(select.statement().bind(patientId).setTimeout(RebuildReads.TIMEOUT))) {
                PastTransition t = transition(r);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        });
    }

    /** The row as a transition, or null for one this version cannot read (a state or band renamed since). */
    private static PastTransition transition(Row r) {
        String condition = r.getString("condition");
        String state = r.getString("state");
        String band = r.getString("band");
        if (state == null || band == null || r.isNull("ts")) {
            return null;
        }
        try {
            // rows written before alerts had conditions were all NEWS2 alerts
            return new PastTransition(r.getString("event_id"), r.getString("alert_id"),
                    condition == null ? AlertCondition.NEWS2 : AlertCondition.valueOf(condition),
                    AlertState.valueOf(state), RiskBand.valueOf(band), r.getInt("news2"),
                    r.getInstant("ts").toEpochMilli(), r.getString("acknowledged_by"), r.getString("reason"));
        } catch (IllegalArgumentException unknownName) {
            return null;
        }
    }
}
