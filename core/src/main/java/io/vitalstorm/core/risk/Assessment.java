package io.vitalstorm.core.risk;

import io.vitalstorm.core.news2.ScoredObservation;

/**
 * What the risk engine makes of one reading: the reading scored on the chart (with valid values
 * carried from earlier readings), whether it came too late for its window, and the current
 * verdicts on the NEWS2 and DETERIORATING conditions that the alert lifecycle acts on.
 *
 * @param late      the reading's window bucket had already closed: it is stored and counted but
 *                  changes no alert the alert lifecycle has seen it for (a replay of a reading whose bucket
 *                  has closed is late too)
 * @param duplicate the reading was already absorbed (same patient, device and event time in a bucket still
 *                  open): a replay, which changed nothing; the findings are the current ones, not the
 *                  original delivery's, and the alert lifecycle acts on them only if the reading is beyond
 *                  everything it holds for the patient (its first delivery never reached it)
 */
public record Assessment(ScoredObservation scored, boolean late, Finding news2, Finding trend, boolean duplicate) {

    /** A reading delivered for the first time. */
    public Assessment(ScoredObservation scored, boolean late, Finding news2, Finding trend) {
        this(scored, late, news2, trend, false);
    }

    public String patientId() {
        return scored.patientId();
    }

    public long ts() {
        return scored.ts();
    }
}
