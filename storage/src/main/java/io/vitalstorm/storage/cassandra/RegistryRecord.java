package io.vitalstorm.storage.cassandra;

import io.vitalstorm.core.model.PatientProfile;

import java.time.Instant;
import java.util.Map;

/**
 * A registry row: the profile the stream is enriched with, plus what the registry needs to follow
 * the hospital's systems: the patient's other identifiers (e.g. {@code mrn}), which source last
 * changed the row and as of when at that source ({@code sourceTime}: the SQL row's update time or
 * the ADT event time), and whether the patient was only created provisionally (an ADT event for
 * a patient the registry did not know).
 */
public record RegistryRecord(PatientProfile profile, Map<String, String> identifiers, ChangeSource source,
                             Instant sourceTime, boolean provisional) {

    public RegistryRecord {
        identifiers = identifiers == null ? Map.of() : Map.copyOf(identifiers);
    }

    public String patientId() {
        return profile.patientId();
    }

    /** Same clinical content (what enrichment sees, plus identifiers and the provisional flag). */
    public boolean sameContentAs(RegistryRecord other) {
        return other != null && profile.equals(other.profile()) && identifiers.equals(other.identifiers())
                && provisional == other.provisional();
    }
}
