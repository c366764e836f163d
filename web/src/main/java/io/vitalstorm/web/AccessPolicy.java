package io.vitalstorm.web;

import io.vitalstorm.core.model.PatientProfile;

/** Who may see which patient: the one rule every patient-data endpoint and the live feed apply. */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** A clinician of the patient's ward or care team, or the patient themselves. */
    public static boolean maySee(User user, String patientId, String ward, String careTeam) {
        if (user.has(User.PATIENT) && patientId.equals(user.patientId())) {
            return true;
        }
        if (!user.has(User.CLINICIAN)) {
            return false;
        }
        return user.wards().contains("*") || (ward != null && user.wards().contains(ward))
                || (careTeam != null && user.careTeams().contains(careTeam));
    }

    public static boolean maySee(User user, PatientProfile p) {
        return maySee(user, p.patientId(), p.ward(), p.careTeam());
    }

    /** The ward board and the alert inbox: clinicians only (a patient has their own page). */
    public static boolean seesWards(User user) {
        return user.has(User.CLINICIAN);
    }
}
