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
 * (event time).
 * <p>
 * Episodes survive restarts through an {@link EpisodeStore}, saved before a transition is
 * returned. After a restart the stream is replayed from the last committed offset: a reading
 * at the event time of the last transition re-emits that same transition (same ids, so it is
 * never lost and consumers drop the repeat), and older readings are already accounted for.
 * Not thread-safe: one engine per partition of patients, readings of a patient in order.
 */
public final class AlertEngine {

    private final EpisodeStore store;
    /** Patients this engine has seen; null for one who never alerted. */
    private final Map<String, EpisodeSnapshot> episodes = new HashMap<>();

    public AlertEngine() {
        this(EpisodeStore.none());
    }

    public AlertEngine(EpisodeStore store) {
        this.store = store;
    }

    public Optional<AlertEvent> onScore(ScoredObservation s, Thresholds thresholds) {
        String patientId = s.patientId();
        EpisodeSnapshot ep = episodes.containsKey(patientId) ? episodes.get(patientId) : load(patientId);
        if (ep != null && s.ts() <= ep.lastEventTs()) {
            return s.ts() == ep.lastEventTs() ? Optional.of(lastEvent(ep, s)) : Optional.empty();
        }
        RiskBand band = s.score().band();
        int news2 = s.score().total();
        if (band.atLeast(thresholds.alertTrigger())) {
            if (ep == null || !ep.open()) {
                String alertId = AlertIds.episode(patientId, s.ts());
                return transition(patientId, new EpisodeSnapshot(alertId, band, -1, s.ts(), AlertState.OPEN, band,
                        "NEWS2 " + news2 + " (" + band + ") reached the alert trigger " + thresholds.alertTrigger()), s);
            }
            if (band.compareTo(ep.worst()) > 0) {
                return transition(patientId, new EpisodeSnapshot(ep.alertId(), band, -1, s.ts(), AlertState.ESCALATED,
                        band, "risk rose from " + ep.worst() + " to " + band + " (NEWS2 " + news2 + ")"), s);
            }
            if (ep.belowTriggerSince() >= 0) {
                save(patientId, withBelowSince(ep, -1));
            }
            return Optional.empty();
        }
        if (ep == null || !ep.open()) {
            return Optional.empty();
        }
        if (ep.belowTriggerSince() < 0) {
            ep = withBelowSince(ep, s.ts());
            save(patientId, ep);
        }
        long below = s.ts() - ep.belowTriggerSince();
        if (below >= thresholds.resolveAfter().toMillis()) {
            return transition(patientId, new EpisodeSnapshot(ep.alertId(), ep.worst(), ep.belowTriggerSince(), s.ts(),
                    AlertState.RESOLVED, band, "below " + thresholds.alertTrigger() + " for " + below / 60_000
                            + " min (NEWS2 " + news2 + ")"), s);
        }
        return Optional.empty();
    }

    public int openAlerts() {
        return (int) episodes.values().stream().filter(e -> e != null && e.open()).count();
    }

    private EpisodeSnapshot load(String patientId) {
        EpisodeSnapshot ep = store.load(patientId).orElse(null);
        episodes.put(patientId, ep);
        return ep;
    }

    private void save(String patientId, EpisodeSnapshot ep) {
        store.save(patientId, ep);
        episodes.put(patientId, ep);
    }

    private Optional<AlertEvent> transition(String patientId, EpisodeSnapshot next, ScoredObservation cause) {
        save(patientId, next);
        return Optional.of(lastEvent(next, cause));
    }

    private static EpisodeSnapshot withBelowSince(EpisodeSnapshot ep, long since) {
        return new EpisodeSnapshot(ep.alertId(), ep.worst(), since, ep.lastEventTs(), ep.lastState(), ep.lastBand(),
                ep.lastReason());
    }

    private static AlertEvent lastEvent(EpisodeSnapshot ep, ScoredObservation cause) {
        return new AlertEvent(AlertIds.event(ep.alertId(), ep.lastState(), ep.lastBand()), ep.alertId(),
                ep.lastState(), ep.lastReason(), cause);
    }
}
