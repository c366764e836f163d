package io.vitalstorm.core.testsupport;

import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;

/**
 * Patient profiles whose every field is derived from the id ("Name-P1", "Ward-P1", …), so a
 * test can check that nothing of one patient shows up in another patient's output.
 */
public final class Profiles {

    private Profiles() {
    }

    public static PatientProfile scale1(String patientId) {
        return profile(patientId, Spo2Scale.SCALE_1);
    }

    public static PatientProfile scale2(String patientId) {
        return profile(patientId, Spo2Scale.SCALE_2);
    }

    public static PatientProfile profile(String patientId, Spo2Scale scale) {
        return new PatientProfile(patientId, name(patientId), 67, ward(patientId), team(patientId),
                doctor(patientId), scale, contact(patientId));
    }

    public static String name(String patientId) {
        return "Name-" + patientId;
    }

    public static String ward(String patientId) {
        return "Ward-" + patientId;
    }

    public static String team(String patientId) {
        return "Team-" + patientId;
    }

    public static String doctor(String patientId) {
        return "Dr-" + patientId;
    }

    public static String contact(String patientId) {
        return "sms:+44-" + patientId;
    }
}
