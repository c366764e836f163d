package io.vitalstorm.core.alert;

import java.util.List;

/**
 * Where alert episodes outlive a worker. The engine reads a patient's episodes once, the first
 * time the patient reaches its task, and writes an episode on every change, before the
 * transition is emitted downstream.
 */
public interface EpisodeStore {

    /** Every episode of the patient (at most one per condition). */
    List<Episode> load(String patientId);

    /** @param anyOpen whether the patient has an open alert after this change (resolved-only state may expire) */
    void save(String patientId, Episode episode, boolean anyOpen);

    /** Nothing survives the process (replay, tests): the engine's own memory is the only copy. */
    static EpisodeStore none() {
        return new EpisodeStore() {
            @Override
            public List<Episode> load(String patientId) {
                return List.of();
            }

            @Override
            public void save(String patientId, Episode episode, boolean anyOpen) {
                // nothing to keep
            }
        };
    }
}
