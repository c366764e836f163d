package io.vitalstorm.core.model;

/** An observation fused with its patient's profile; {@code knownPatient} is false when the registry had none. */
public record EnrichedObservation(Observation observation, PatientProfile profile, boolean knownPatient) {

    public String patientId() {
        return observation.patientId();
    }
}
