package io.vitalstorm.storage.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's user accounts ({@code dashboard_users}). Only a password hash is stored (the
 * web tier hashes with a password-hashing function); roles say what a user may do, wards and
 * care teams which patients a clinician sees, {@code patientId} which patient a patient login is.
 */
public final class DashboardUsers {

    public record Account(String username, String displayName, String passwordHash, Set<String> roles,
                          Set<String> wards, Set<String> careTeams, String patientId) {
        public Account {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
            wards = wards == null ? Set.of() : Set.copyOf(wards);
            careTeams = careTeams == null ? Set.of() : Set.copyOf(careTeams);
        }
    }

    private final CqlSession session;
    private final PreparedStatement upsert;
    private final PreparedStatement select;

    public DashboardUsers(CqlSession session, String keyspace) {
        this.session = session;
        this.upsert = session.prepare("INSERT INTO " + keyspace + ".dashboard_users (username, display_name, "
                + "password_hash, roles, wards, care_teams, patient_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        this.select = session.prepare("SELECT * FROM " + keyspace + ".dashboard_users WHERE username = ?");
    }

    public void save(Account a) {
        session.execute(upsert.bind(a.username(), a.displayName(), a.passwordHash(), a.roles(), a.wards(),
                a.careTeams(), a.patientId(), Instant.now()));
    }

    public Optional<Account> find(String username) {
        Row r = session.execute(select.bind(username)).one();
        if (r == null) {
            return Optional.empty();
        }
        return Optional.of(new Account(r.getString("username"), r.getString("display_name"),
                r.getString("password_hash"), r.getSet("roles", String.class), r.getSet("wards", String.class),
                r.getSet("care_teams", String.class), r.getString("patient_id")));
    }
}
