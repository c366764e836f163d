package io.vitalstorm.core.alert;

import java.util.Optional;

/**
 * Where alert episodes outlive a worker. The engine reads a patient's snapshot once, the first
 * time the patient reaches its task, and writes it on every change, before the transition is
 * emitted downstream.
 */
public interface EpisodeStore {

    Optional<EpisodeSnapshot> load(String patientId);

    void save(String patientId, EpisodeSnapshot snapshot);

    /** Nothing survives the process (replay, tests): the engine's own memory is the only copy. */
    static EpisodeStore none() {
        return new EpisodeStore() {
            @Override
            public Optional<EpisodeSnapshot> load(String patientId) {
                return Optional.empty();
            }

            @Override
            public void save(String patientId, EpisodeSnapshot snapshot) {
                // nothing to keep
            }
        };
    }
}
