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

    /**
     * The identifiers map and the profile's identifiers are one set: the profile carries them all, sorted by system.
     */
    public RegistryRecord {
        java.util.TreeMap<String, String> all = new java.util.TreeMap<>();
        profile.identifiers().forEach(i -> all.put(i.system(), i.value()));
        if (identifiers != null) {
            all.putAll(identifiers);
        }
        identifiers = Map.copyOf(all);
        java.util.List<io.vitalstorm.core.model.PatientIdentifier> list = new java.util.ArrayList<>();
        all.forEach((system, value) -> list.add(new io.vitalstorm.core.model.PatientIdentifier(system, value)));
        profile = new PatientProfile(profile.patientId(), profile.displayName(), profile.age(), profile.ward(),
                profile.careTeam(), profile.responsibleDoctor(), profile.spo2Scale(), profile.contactChannel(), list);
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
