package io.vitalstorm.core.risk;

import io.vitalstorm.core.news2.ScoredObservation;

/**
 * What the risk engine makes of one reading: the reading scored on the chart (with valid values
 * carried from earlier readings), whether it came too late for its window, and the current
 * verdicts on the NEWS2 and DETERIORATING conditions that the alert lifecycle acts on.
 *
 * @param late the reading's window bucket had already closed: it is stored and counted but
 *             changes no alert
 */
public record Assessment(ScoredObservation scored, boolean late, Finding news2, Finding trend) {

    public String patientId() {
        return scored.patientId();
    }

    public long ts() {
        return scored.ts();
    }
}
