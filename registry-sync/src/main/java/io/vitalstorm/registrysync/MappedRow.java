package io.vitalstorm.registrysync;

import io.vitalstorm.core.model.PatientProfile;

import java.time.Instant;
import java.util.Map;

/** A hospital row as the registry reads it: a patient (or their deletion), or why the row is refused. */
public sealed interface MappedRow {

    /** {@code updated} is null when the query has no update column; {@code deleted} from the soft-delete column. */
    record Patient(PatientProfile profile, Map<String, String> identifiers, Instant updated, boolean deleted)
            implements MappedRow {
    }

    /** {@code where} names the row (number and id when there is one). */
    record Malformed(String where, String reason, Instant updated) implements MappedRow {
    }
}
