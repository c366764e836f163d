package io.vitalstorm.core.parse;

import io.vitalstorm.core.model.PatientIdentifier;
import io.vitalstorm.core.model.PatientProfile;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's identifier index: which patient id an identifier (MRN system + value) belongs
 * to, so that a FHIR subject given only by identifier (or a Bundle's Patient entry) reaches the
 * right patient. Must be fast and never throw: it is asked while parsing.
 */
@FunctionalInterface
public interface PatientIdentifiers {

    Optional<String> patientFor(PatientIdentifier identifier);

    /** No index: identifier subjects are refused with that reason. */
    PatientIdentifiers NONE = identifier -> Optional.empty();

    /** An index over the identifiers of these profiles (replay, tests). */
    static PatientIdentifiers of(Collection<PatientProfile> profiles) {
        Map<PatientIdentifier, String> index = new HashMap<>();
        for (PatientProfile p : profiles) {
            for (PatientIdentifier id : p.identifiers()) {
                index.put(id, p.patientId());
            }
        }
        return identifier -> Optional.ofNullable(index.get(identifier));
    }
}
