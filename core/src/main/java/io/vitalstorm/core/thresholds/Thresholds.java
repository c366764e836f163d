package io.vitalstorm.core.thresholds;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoringTables;

import java.time.Duration;

/**
 * The clinical settings that operators change at run time (stored as JSON in ZooKeeper).
 *
 * @param alertTrigger lowest band that opens an alert; the default LOW_MEDIUM means
 *                     "aggregate 5 or more, or any single parameter scoring 3" (RCP: urgent review)
 * @param resolveAfter how long a patient must stay below the trigger before the alert resolves
 */
public record Thresholds(RiskBand alertTrigger, Duration resolveAfter, ScoringTables scoring) {

    public static final Thresholds DEFAULTS =
            new Thresholds(RiskBand.LOW_MEDIUM, Duration.ofMinutes(15), ScoringTables.RCP_2017);

    public Thresholds {
        if (alertTrigger == null || alertTrigger == RiskBand.LOW) {
            throw new IllegalArgumentException("alertTrigger must be LOW_MEDIUM, MEDIUM or HIGH");
        }
        if (resolveAfter == null || resolveAfter.isNegative()) {
            throw new IllegalArgumentException("resolveAfter must be zero or positive");
        }
        if (scoring == null) {
            throw new IllegalArgumentException("scoring tables are required");
        }
    }
}
