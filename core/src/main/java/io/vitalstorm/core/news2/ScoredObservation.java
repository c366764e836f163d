package io.vitalstorm.core.news2;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;

/** An enriched observation with its NEWS2 score: what state, history and alerting consume. */
public record ScoredObservation(EnrichedObservation enriched, News2Score score) {

    public String patientId() {
        return enriched.patientId();
    }

    public Observation observation() {
        return enriched.observation();
    }

    public PatientProfile profile() {
        return enriched.profile();
    }

    public long ts() {
        return enriched.observation().ts();
    }
}
