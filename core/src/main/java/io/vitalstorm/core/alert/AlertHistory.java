package io.vitalstorm.core.alert;

import java.util.List;

/**
 * The durable record of a patient's alert transitions (the memory of record; the
 * {@link EpisodeStore} is a cache of what it implies). Read once, when a patient reaches the
 * engine and the store has no episode for them.
 */
@FunctionalInterface
public interface AlertHistory {

    /** Every stored transition of the patient, in any order; empty for a patient who never alerted. */
    List<PastTransition> transitions(String patientId);

    /** No durable record (replay, tests): a patient without episodes has none. */
    static AlertHistory none() {
        return patientId -> List.of();
    }
}
