package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Messages from clinicians to a patient ({@code patient_messages}), newest first; kept as long as the history. */
public final class PatientMessages {

    public record Message(String patientId, Instant ts, String messageId, String fromUser, String fromName,
            String text) {
    }

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final int ttlSeconds;

    public PatientMessages(CqlSession session, String keyspace, int retentionDays) {
        this.session = session;
        this.ttlSeconds = retentionDays * 86_400;
        this.insert = session.prepare("INSERT INTO " + keyspace + ".patient_messages (patient_id, ts, message_id, "
                + "from_user, from_name, text) VALUES (?, ?, ?, ?, ?, ?) USING TTL ?");
        this.select = session.prepare("SELECT * FROM " + keyspace + ".patient_messages WHERE patient_id = ? LIMIT ?");
    }

    public void save(Message m) {
        session.execute(
                insert.bind(m.patientId(), m.ts(), m.messageId(), m.fromUser(), m.fromName(), m.text(), ttlSeconds));
    }

    public List<Message> latest(String patientId, int limit) {
        List<Message> out = new ArrayList<>();
        for (Row r : session.execute(select.bind(patientId, limit))) {
            out.add(new Message(r.getString("patient_id"), r.getInstant("ts"), r.getString("message_id"),
                    r.getString("from_user"), r.getString("from_name"), r.getString("text")));
        }
        return out;
    }
}
