package io.vitalstorm.core.model;

import java.util.List;

/**
 * A patient as the on-prem registry knows them. {@code displayName} may be a pseudonym.
 * {@code contactChannel} says where patient-facing messages go (e.g. "sms:+441234", "app:device-7").
 * {@code identifiers} are the patient's business identifiers (MRN system + value), by which FHIR
 * resources may name the patient instead of the id.
 */
public record PatientProfile(
        String patientId,
        String displayName,
        Integer age,
        String ward,
        String careTeam,
        String responsibleDoctor,
        Spo2Scale spo2Scale,
        String contactChannel,
        List<PatientIdentifier> identifiers) {

    public static final String UNKNOWN_WARD = "UNASSIGNED";

    public PatientProfile {
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("patientId is required");
        }
        if (spo2Scale == null) {
            spo2Scale = Spo2Scale.SCALE_1;
        }
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    /** A profile without business identifiers. */
    public PatientProfile(String patientId, String displayName, Integer age, String ward, String careTeam,
                          String responsibleDoctor, Spo2Scale spo2Scale, String contactChannel) {
        this(patientId, displayName, age, ward, careTeam, responsibleDoctor, spo2Scale, contactChannel, List.of());
    }

    /** Stand-in for a patient the registry does not know: scored on scale 1, routed to no team. */
    public static PatientProfile unknown(String patientId) {
        return new PatientProfile(patientId, null, null, UNKNOWN_WARD, null, null, Spo2Scale.SCALE_1, null);
    }
}
