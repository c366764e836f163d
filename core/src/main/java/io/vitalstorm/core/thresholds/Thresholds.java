package io.vitalstorm.core.thresholds;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.vitals.Validity;
import io.vitalstorm.core.window.TrendSettings;
import io.vitalstorm.core.window.WindowSettings;

import java.time.Duration;

/**
 * The clinical settings that operators change at run time (stored as JSON in ZooKeeper).
 *
 * @param alertTrigger lowest band that opens an alert; the default LOW_MEDIUM means
 *                     "aggregate 5 or more, or any single parameter scoring 3" (RCP: urgent review)
 * @param resolveAfter how long a patient must stay below the trigger before the alert resolves
 * @param validity     how long each parameter's last value may stand in for a new one
 * @param window       event-time windows and the "re-check before notify" time
 * @param trend        what counts as deterioration before the band is high
 * @param timing       escalation, cooldown and no-data clocks of the alert lifecycle
 */
public record Thresholds(RiskBand alertTrigger, Duration resolveAfter, ScoringTables scoring, Validity validity,
                         WindowSettings window, TrendSettings trend, AlertTiming timing) {

    public static final Thresholds DEFAULTS = new Thresholds(RiskBand.LOW_MEDIUM, Duration.ofMinutes(15),
            ScoringTables.RCP_2017);

    public Thresholds {
        if (alertTrigger == null || alertTrigger == RiskBand.LOW) {
            throw new IllegalArgumentException("alertTrigger must be LOW_MEDIUM, MEDIUM or HIGH");
        }
        if (resolveAfter == null || resolveAfter.isNegative()) {
            throw new IllegalArgumentException("resolveAfter must be zero or positive");
        }
        if (scoring == null || validity == null || window == null || trend == null || timing == null) {
            throw new IllegalArgumentException("scoring tables, validity, window, trend and timing are required");
        }
    }

    /** The documented defaults for everything but the trigger, resolve time and chart. */
    public Thresholds(RiskBand alertTrigger, Duration resolveAfter, ScoringTables scoring) {
        this(alertTrigger, resolveAfter, scoring, Validity.DEFAULTS, WindowSettings.DEFAULTS, TrendSettings.DEFAULTS,
                AlertTiming.DEFAULTS);
    }
}
