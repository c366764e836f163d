package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.AlertCondition;

/**
 * One transition of one alert. {@code alertId} names the alert (the same for all its
 * transitions); {@code eventId} names this transition. Both are derived from the data alone, so
 * a replay of the same observations yields the same ids and consumers can drop repeats.
 *
 * @param band  the band the condition was assessed at (for NEWS2 the window or spot-check band,
 *              which may differ from the single reading in {@code cause})
 * @param ts    event time of the transition
 * @param actor who acknowledged (ACKNOWLEDGED only), else null
 * @param cause the reading behind the transition; for NO_DATA and ACKNOWLEDGED the last one
 *              known, or a reading without vitals when none is in memory
 */
public record AlertEvent(String eventId, String alertId, AlertCondition condition, AlertState state, RiskBand band,
                         int news2, String reason, long ts, String actor, ScoredObservation cause) {

    public String patientId() {
        return cause.patientId();
    }
}
