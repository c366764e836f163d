package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.thresholds.Thresholds;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a patient's stream of scores into alert episodes: one OPEN when the band reaches the
 * trigger, one ESCALATED each time the band climbs above the worst seen in the episode, one
 * RESOLVED once the patient has stayed below the trigger for {@link Thresholds#resolveAfter()}
 * (event time). Not thread-safe: one engine per partition of patients, observations of a
 * patient in event-time order.
 */
public final class AlertEngine {

    /** Only patients with an open alert hold state, so memory follows the sick, not the ward. */
    private final Map<String, Episode> open = new HashMap<>();

    private static final class Episode {
        final String alertId;
        RiskBand worst;
        long belowTriggerSince = -1;

        Episode(String alertId, RiskBand worst) {
            this.alertId = alertId;
            this.worst = worst;
        }
    }

    public Optional<AlertEvent> onScore(ScoredObservation s, Thresholds thresholds) {
        RiskBand band = s.score().band();
        Episode episode = open.get(s.patientId());
        if (band.atLeast(thresholds.alertTrigger())) {
            if (episode == null) {
                String alertId = AlertIds.episode(s.patientId(), s.ts());
                open.put(s.patientId(), new Episode(alertId, band));
                return Optional.of(event(alertId, AlertState.OPEN, band,
                        "NEWS2 " + s.score().total() + " (" + band + ") reached the alert trigger " + thresholds.alertTrigger(), s));
            }
            episode.belowTriggerSince = -1;
            if (band.compareTo(episode.worst) > 0) {
                RiskBand before = episode.worst;
                episode.worst = band;
                return Optional.of(event(episode.alertId, AlertState.ESCALATED, band,
                        "risk rose from " + before + " to " + band + " (NEWS2 " + s.score().total() + ")", s));
            }
            return Optional.empty();
        }
        if (episode == null) {
            return Optional.empty();
        }
        if (episode.belowTriggerSince < 0) {
            episode.belowTriggerSince = s.ts();
        }
        long below = s.ts() - episode.belowTriggerSince;
        if (below >= thresholds.resolveAfter().toMillis()) {
            open.remove(s.patientId());
            return Optional.of(event(episode.alertId, AlertState.RESOLVED, band,
                    "below " + thresholds.alertTrigger() + " for " + below / 60_000 + " min (NEWS2 " + s.score().total() + ")", s));
        }
        return Optional.empty();
    }

    public int openAlerts() {
        return open.size();
    }

    private static AlertEvent event(String alertId, AlertState state, RiskBand band, String reason, ScoredObservation s) {
        return new AlertEvent(AlertIds.event(alertId, state, band), alertId, state, reason, s);
    }
}
