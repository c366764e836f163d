package io.vitalstorm.core.model;

/**
 * A business identifier of a patient as FHIR carries it (e.g. an MRN: the hospital's MRN system URI and the number).
 */
public record PatientIdentifier(String system, String value) {

    public PatientIdentifier {
        if (system == null || system.isBlank() || value == null || value.isBlank()) {
            throw new IllegalArgumentException("an identifier needs a system and a value");
        }
    }

    @Override
    public String toString() {
        return system + "|" + value;
    }
}
