package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.ScoredObservation;

/**
 * One transition of one alert. {@code alertId} names the episode (the same for OPEN, ESCALATED
 * and RESOLVED); {@code eventId} names this transition. Both are derived from the data alone,
 * so a replay of the same observations yields the same ids and consumers can drop repeats.
 */
public record AlertEvent(String eventId, String alertId, AlertState state, String reason, ScoredObservation cause) {

    public String patientId() {
        return cause.patientId();
    }

    public long ts() {
        return cause.ts();
    }
}
