package io.vitalstorm.web;

import io.vitalstorm.storage.cassandra.DashboardUsers;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.util.Optional;
import java.util.Set;

/** Creates accounts and checks logins; passwords are kept only as bcrypt hashes. */
public final class Accounts {

    /** bcrypt cost: 2^12 rounds, ~0.2-0.3 s a check here: slow for a guesser, fine for a login. */
    static final int COST = 12;

    private final DashboardUsers users;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(COST);
    /** Checked against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private final String decoyHash = bcrypt.encode("decoy-password-for-missing-users");

    public Accounts(DashboardUsers users) {
        this.users = users;
    }

    public void create(String username, String displayName, String password, Set<String> roles, Set<String> wards,
                       Set<String> careTeams, String patientId) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("username must be 1-64 of [A-Za-z0-9._@-]");
        }
        if (password == null || password.length() < 10 || password.length() > 72) {
            throw new IllegalArgumentException("password must be 10-72 characters (bcrypt reads at most 72 bytes)");
        }
        for (String role : roles) {
            if (!User.ROLES.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role + "; roles are " + User.ROLES);
            }
        }
        if (roles.contains(User.PATIENT) && (patientId == null || patientId.isBlank())) {
            throw new IllegalArgumentException("a patient login needs the patient id");
        }
        users.save(new DashboardUsers.Account(username, displayName, bcrypt.encode(password), roles, wards, careTeams,
                patientId));
    }

    /** The user, if the name exists and the password matches. */
    public Optional<User> authenticate(String username, String password) {
        if (username == null || password == null || username.length() > 64 || password.length() > 200) {
            return Optional.empty();
        }
        Optional<DashboardUsers.Account> account = users.find(username);
        boolean matches = bcrypt.matches(password, account.map(DashboardUsers.Account::passwordHash).orElse(decoyHash));
        return account.filter(a -> matches).map(User::of);
    }
}
