package io.vitalstorm.core.risk;

import java.util.Map;
import java.util.Optional;

/**
 * Where per-patient risk state (windows, freshness, trend) is checkpointed so that a restarted
 * worker resumes without cold-starting every patient.
 */
public interface RiskStateStore {

    Optional<byte[]> load(String patientId);

    /** Writes every state of the batch; returns only once they are durable, throws if not. */
    void saveAll(Map<String, byte[]> states);

    /** Nothing survives the process (replay, tests, benchmarks). */
    static RiskStateStore none() {
        return new RiskStateStore() {
            @Override
            public Optional<byte[]> load(String patientId) {
                return Optional.empty();
            }

            @Override
            public void saveAll(Map<String, byte[]> states) {
                // nothing to keep
            }
        };
    }
}
