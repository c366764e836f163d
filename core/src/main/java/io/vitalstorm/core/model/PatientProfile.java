package io.vitalstorm.core.model;

/**
 * A patient as the on-prem registry knows them. {@code displayName} may be a pseudonym.
 * {@code contactChannel} says where patient-facing messages go (e.g. "sms:+441234", "app:device-7").
 */
public record PatientProfile(
        String patientId,
        String displayName,
        Integer age,
        String ward,
        String careTeam,
        String responsibleDoctor,
        Spo2Scale spo2Scale,
        String contactChannel) {

    public static final String UNKNOWN_WARD = "UNASSIGNED";

    public PatientProfile {
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("patientId is required");
        }
        if (spo2Scale == null) {
            spo2Scale = Spo2Scale.SCALE_1;
        }
    }

    /** Stand-in for a patient the registry does not know: scored on scale 1, routed to no team. */
    public static PatientProfile unknown(String patientId) {
        return new PatientProfile(patientId, null, null, UNKNOWN_WARD, null, null, Spo2Scale.SCALE_1, null);
    }
}
