package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.model.PatientProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Alert transitions per patient; keyed by event id, so storing a replayed event is a no-op. */
public final class AlertStore {

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final int ttlSeconds;

    public AlertStore(CqlSession session, String keyspace, int retentionDays) {
        this.session = session;
        this.ttlSeconds = retentionDays * 86_400;
        this.insert = session.prepare("INSERT INTO " + keyspace + ".alerts_by_patient (patient_id, ts, event_id, "
                + "alert_id, condition, state, band, news2, acknowledged_by, subscores, reason, ward, care_team, "
                + "doctor, "
                + "known_patient) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");
        this.select = session.prepare("SELECT * FROM " + keyspace + ".alerts_by_patient WHERE patient_id = ?");
    }

    /** Completes when every transition is stored. */
    public CompletionStage<Void> saveAll(List<AlertEvent> events) {
        return CompletableFuture.allOf(events.stream().map(e -> save(e).toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    public CompletionStage<?> save(AlertEvent e) {
        PatientProfile p = e.cause().profile();
        return session.executeAsync(insert.bind(e.patientId(), Instant.ofEpochMilli(e.ts()), e.eventId(), e.alertId(),
                e.condition().name(), e.state().name(), e.band().name(), e.news2(), e.actor(),
                Subscores.of(e.cause().score()), e.reason(), p.ward(), p.careTeam(), p.responsibleDoctor(),
                e.cause().enriched().knownPatient(), ttlSeconds));
    }

    /** Newest first. */
    public List<StoredAlert> forPatient(String patientId) {
        List<StoredAlert> out = new ArrayList<>();
        for (Row r : session.execute(select.bind(patientId))) {
            out.add(new StoredAlert(r.getString("patient_id"), r.getInstant("ts"), r.getString("event_id"),
                    r.getString("alert_id"), r.getString("condition"), r.getString("state"), r.getString("band"),
                    r.getInt("news2"), r.getString("acknowledged_by"),
                    r.getMap("subscores", String.class, Integer.class), r.getString("reason"), r.getString("ward"),
                    r.getString("care_team")));
        }
        return out;
    }
}
