package io.vitalstorm.core.thresholds;

import java.util.Optional;

/**
 * Which thresholds document: the global one, a ward's override or a patient's override. The
 * {@link #relativePath()} names its place under the thresholds root ({@code ""},
 * {@code wards/<ward>}, {@code patients/<patientId>}), the same shape in ZooKeeper and in the
 * audit trail.
 */
public record ThresholdsScope(Kind kind, String key) {

    public enum Kind { GLOBAL, WARD, PATIENT }

    public static final ThresholdsScope GLOBAL = new ThresholdsScope(Kind.GLOBAL, "");

    public static final String WARDS = "wards";
    public static final String PATIENTS = "patients";

    public ThresholdsScope {
        if (kind == null) {
            throw new IllegalArgumentException("scope kind is required");
        }
        if (kind == Kind.GLOBAL) {
            key = "";
        } else if (key == null || key.isBlank() || key.length() > 128 || key.contains("/")
                || key.equals(".") || key.equals("..") || key.chars().anyMatch(Character::isISOControl)) {
            // the key becomes one znode name: no slash, no control characters, not a relative step
            throw new IllegalArgumentException("invalid " + kind.name().toLowerCase() + " name for thresholds: '"
                    + key + "'");
        }
    }

    public static ThresholdsScope ward(String ward) {
        return new ThresholdsScope(Kind.WARD, ward);
    }

    public static ThresholdsScope patient(String patientId) {
        return new ThresholdsScope(Kind.PATIENT, patientId);
    }

    public String relativePath() {
        return switch (kind) {
            case GLOBAL -> "";
            case WARD -> WARDS + "/" + key;
            case PATIENT -> PATIENTS + "/" + key;
        };
    }

    /** The scope stored at a path relative to the thresholds root; empty for the grouping nodes. */
    public static Optional<ThresholdsScope> fromRelativePath(String relative) {
        if (relative.isEmpty()) {
            return Optional.of(GLOBAL);
        }
        int slash = relative.indexOf('/');
        if (slash < 0 || relative.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String group = relative.substring(0, slash);
        String key = relative.substring(slash + 1);
        if (group.equals(WARDS)) {
            return Optional.of(ward(key));
        }
        if (group.equals(PATIENTS)) {
            return Optional.of(patient(key));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return kind == Kind.GLOBAL ? "global" : kind.name().toLowerCase() + " " + key;
    }
}
