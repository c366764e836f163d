package io.vitalstorm.core.thresholds;

import java.util.HashMap;
import java.util.Map;

/**
 * The last good raw document of every scope, and the merged snapshot built from them. A document
 * is accepted only if it parses over the defaults; a rejected one leaves the previous document of
 * that scope in force. Not thread-safe: one watcher thread feeds it and publishes
 * {@link #resolve()} results.
 */
public final class ThresholdsDocuments {

    private byte[] global;
    private final Map<String, byte[]> wards = new HashMap<>();
    private final Map<String, byte[]> patients = new HashMap<>();

    /**
     * Stores the document after validating it; throws {@link IllegalArgumentException} and keeps the old one otherwise.
     */
    public void accept(ThresholdsScope scope, byte[] json) {
        ThresholdsJson.parse(json);
        switch (scope.kind()) {
            case GLOBAL -> global = json.clone();
            case WARD -> wards.put(scope.key(), json.clone());
            case PATIENT -> patients.put(scope.key(), json.clone());
        }
    }

    /** An override removed by an operator; a removed global document keeps the last good one in force. */
    public boolean remove(ThresholdsScope scope) {
        return switch (scope.kind()) {
            case GLOBAL -> false;
            case WARD -> wards.remove(scope.key()) != null;
            case PATIENT -> patients.remove(scope.key()) != null;
        };
    }

    public ResolvedThresholds resolve() {
        Thresholds g = global == null ? Thresholds.DEFAULTS : ThresholdsJson.parse(global);
        Map<String, Thresholds> resolvedWards = new HashMap<>();
        wards.forEach((ward, json) -> resolvedWards.put(ward, ThresholdsJson.parse(json, g)));
        Map<String, ResolvedThresholds.PatientThresholds> resolvedPatients = new HashMap<>();
        patients.forEach((id, json) -> {
            Map<String, Thresholds> overWard = new HashMap<>();
            resolvedWards.forEach((ward, w) -> overWard.put(ward, ThresholdsJson.parse(json, w)));
            resolvedPatients.put(id,
                    new ResolvedThresholds.PatientThresholds(ThresholdsJson.parse(json, g), Map.copyOf(overWard)));
        });
        return new ResolvedThresholds(g, resolvedWards, resolvedPatients);
    }
}
