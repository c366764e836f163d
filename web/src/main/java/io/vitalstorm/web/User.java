package io.vitalstorm.web;

import io.vitalstorm.storage.cassandra.DashboardUsers;

import java.util.Set;

/**
 * A logged-in user. Roles: {@code clinician} (patients of {@code wards} / {@code careTeams};
 * {@code *} for every ward), {@code data-engineer} (catalog and metadata, no vitals unless also a
 * clinician), {@code operator} (thresholds and system state), {@code patient} (their own data).
 */
public record User(String username, String displayName, Set<String> roles, Set<String> wards, Set<String> careTeams,
                   String patientId) {

    public static final String CLINICIAN = "clinician";
    public static final String DATA_ENGINEER = "data-engineer";
    public static final String OPERATOR = "operator";
    public static final String PATIENT = "patient";
    public static final Set<String> ROLES = Set.of(CLINICIAN, DATA_ENGINEER, OPERATOR, PATIENT);

    static User of(DashboardUsers.Account a) {
        return new User(a.username(), a.displayName() == null ? a.username() : a.displayName(), a.roles(), a.wards(),
                a.careTeams(), a.patientId());
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
