package io.vitalstorm.core.thresholds;

import java.util.Map;

/**
 * Every thresholds document already merged, most specific first (patient over ward over global),
 * so a bolt's per-tuple lookup is two hash lookups and allocates nothing. Immutable: a change
 * builds a new snapshot (see {@link ThresholdsDocuments}).
 */
public final class ResolvedThresholds {

    /** A patient's override merged over each ward that has its own override, and over global. */
    record PatientThresholds(Thresholds overGlobal, Map<String, Thresholds> overWard) {
    }

    private final Thresholds global;
    private final Map<String, Thresholds> wards;
    private final Map<String, PatientThresholds> patients;

    ResolvedThresholds(Thresholds global, Map<String, Thresholds> wards, Map<String, PatientThresholds> patients) {
        this.global = global;
        this.wards = Map.copyOf(wards);
        this.patients = Map.copyOf(patients);
    }

    public static ResolvedThresholds globalOnly(Thresholds global) {
        return new ResolvedThresholds(global, Map.of(), Map.of());
    }

    public Thresholds global() {
        return global;
    }

    /** The thresholds for one patient in one ward ({@code ward} may be null). */
    public Thresholds forPatient(String patientId, String ward) {
        PatientThresholds p = patientId == null ? null : patients.get(patientId);
        if (p != null) {
            Thresholds inWard = ward == null ? null : p.overWard().get(ward);
            return inWard != null ? inWard : p.overGlobal();
        }
        Thresholds w = ward == null ? null : wards.get(ward);
        return w != null ? w : global;
    }

    public int wardOverrides() {
        return wards.size();
    }

    public int patientOverrides() {
        return patients.size();
    }
}
