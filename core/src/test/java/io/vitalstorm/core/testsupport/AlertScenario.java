package io.vitalstorm.core.testsupport;

import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.thresholds.Thresholds;

import java.util.Optional;

/** One {@link AlertEngine} fed observations scored by the real News2Scorer, minute by minute. */
public final class AlertScenario {

    private final AlertEngine engine = new AlertEngine();
    private final Thresholds thresholds;

    public AlertScenario(Thresholds thresholds) {
        this.thresholds = thresholds;
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

    public Optional<AlertEvent> feed(Obs obs, PatientProfile profile) {
        return engine.onScore(obs.scoredFor(profile), thresholds);
    }

    public AlertEvent expectEvent(long minute, String patientId, RiskBand band) {
        return at(minute, patientId, band).orElseThrow(
                () -> new AssertionError("expected an alert event at minute " + minute + " for " + band));
    }

    public AlertEngine engine() {
        return engine;
    }
}
