package io.vitalstorm.core.testsupport;

import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertContexts;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertHistory;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.Finding;
import io.vitalstorm.core.thresholds.Thresholds;

import java.util.List;
import java.util.Optional;

/**
 * One {@link AlertEngine} fed spot-check readings (complete sets, as a nurse or a cuff takes
 * them) scored by the real News2Scorer: the NEWS2 condition holds exactly when the reading's
 * band reaches the trigger, as the risk engine decides for spot checks; no trend.
 */
public final class AlertScenario {

    private final AlertEngine engine;
    private final Thresholds thresholds;

    public AlertScenario(Thresholds thresholds) {
        this(thresholds, EpisodeStore.none());
    }

    public AlertScenario(Thresholds thresholds, EpisodeStore store) {
        this(thresholds, store, AlertHistory.none());
    }

    /** An engine that rebuilds a patient's missing episodes from {@code history}. */
    public AlertScenario(Thresholds thresholds, EpisodeStore store, AlertHistory history) {
        this.thresholds = thresholds;
        this.engine = new AlertEngine(store, history);
    }

    public static AlertScenario withDefaults() {
        return new AlertScenario(Thresholds.DEFAULTS);
    }

    /** Feeds an observation of {@code patientId} scoring in {@code band}, {@code minute} minutes after T0. */
    public Optional<AlertEvent> at(long minute, String patientId, RiskBand band) {
        return feed(Obs.inBand(patientId, band).atMinute(minute));
    }

    /** Feeds an observation of a patient with a {@link Profiles#scale1} profile. */
    public Optional<AlertEvent> feed(Obs obs) {
        return feed(obs, Profiles.scale1(obs.build().patientId()));
    }

    /** At most one transition per spot check here (no trend condition): returns it, if any. */
    public Optional<AlertEvent> feed(Obs obs, PatientProfile profile) {
        List<AlertEvent> events = feedAll(obs, profile);
        if (events.size() > 1) {
            throw new AssertionError("expected at most one transition, got " + events);
        }
        return events.stream().findFirst();
    }

    public List<AlertEvent> feedAll(Obs obs, PatientProfile profile) {
        ScoredObservation s = obs.scoredFor(profile);
        return assess(s, s.score().band(), false, false);
    }

    /**
     * Feeds the replay of a reading scoring in {@code band} at {@code minute}, as the risk engine flags it once it
     * holds the reading: {@code duplicate}, else late; it carries the risk engine's current verdict, {@code current}.
     */
    public List<AlertEvent> replay(long minute, String patientId, RiskBand band, boolean duplicate,
                                   RiskBand current) {
        ScoredObservation s = Obs.inBand(patientId, band).atMinute(minute).scoredFor(Profiles.scale1(patientId));
        return assess(s, current, !duplicate, duplicate);
    }

    private List<AlertEvent> assess(ScoredObservation s, RiskBand band, boolean late, boolean duplicate) {
        int total = s.score().total();
        boolean holds = band.atLeast(thresholds.alertTrigger());
        Finding news2 = new Finding(AlertCondition.NEWS2, holds, band, total,
                holds ? "spot check NEWS2 " + total + " (" + band + ")" : null);
        return engine.onAssessment(
                new Assessment(s, late, news2, Finding.inactive(AlertCondition.DETERIORATING, band, total), duplicate),
                thresholds, s.ts());
    }

    public AlertEvent expectEvent(long minute, String patientId, RiskBand band) {
        return at(minute, patientId, band).orElseThrow(
                () -> new AssertionError("expected an alert event at minute " + minute + " for " + band));
    }

    public AlertEngine.AckOutcome ack(String patientId, String alertId, String by, long minute) {
        return engine.onAcknowledgement(new Acknowledgement(patientId, alertId, by, Obs.T0 + minute * Obs.MINUTE, null),
                (p, ts) -> AlertContexts.withoutVitals(Profiles.scale1(p), true, ts));
    }

    /** The silence check at arrival time {@code minute} after T0. */
    public List<AlertEvent> clock(long minute) {
        return engine.onClock(Obs.T0 + minute * Obs.MINUTE, (p, ward) -> thresholds,
                (p, ts) -> AlertContexts.withoutVitals(Profiles.scale1(p), true, ts));
    }

    public AlertEngine engine() {
        return engine;
    }
}
