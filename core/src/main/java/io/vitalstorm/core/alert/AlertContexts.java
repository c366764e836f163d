package io.vitalstorm.core.alert;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.News2Score;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;

import java.util.Map;
import java.util.Optional;

/**
 * Stand-ins for the reading behind an alert when there is none in memory (silence, acknowledgements after a restart).
 */
public final class AlertContexts {

    private AlertContexts() {
    }

    /** A reading of {@code profile}'s patient at {@code ts} with no vitals and an empty score. */
    public static ScoredObservation withoutVitals(PatientProfile profile, boolean knownPatient, long ts) {
        Observation none = new Observation(profile.patientId(), null, ts, null, null, null, null, null, null, null);
        return new ScoredObservation(new EnrichedObservation(none, profile, knownPatient),
                new News2Score(0, RiskBand.LOW, Map.of()));
    }

    /** The same from a profile lookup: a patient the registry does not know gets the unknown-patient profile. */
    public static ScoredObservation withoutVitals(String patientId, Optional<PatientProfile> profile, long ts) {
        return withoutVitals(profile.orElseGet(() -> PatientProfile.unknown(patientId)), profile.isPresent(), ts);
    }
}
