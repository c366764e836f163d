package io.vitalstorm.core.engine;

import io.vitalstorm.core.alert.Acknowledgement;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.RiskAssessor;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.core.thresholds.Thresholds;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The clinical engine as one unit: risk assessment, alert lifecycle and the silence check on one
 * clock. {@code replay}, the scenario tests and the bench drive it reading by reading; the
 * topology splits it over two bolts (risk scoring, alerts) but ticks the alert bolt at
 * {@link #SILENCE_CHECK_SECONDS}, so NO_DATA is looked for at the same cadence everywhere.
 * Offline, the clock is the latest event time read (arrival order stands in for arrival time).
 * Not thread-safe.
 */
public final class ClinicalEngine {

    /**
     * How often silent devices are looked for (the alert bolt's tick, replay's file clock): NO_DATA comes at most this
     * late.
     */
    public static final int SILENCE_CHECK_SECONDS = 5;
    public static final long SILENCE_CHECK_MILLIS = SILENCE_CHECK_SECONDS * 1_000L;

    /** What one reading did: its assessment and the alert transitions it (and the clock it moved) caused. */
    public record Outcome(Assessment assessment, List<AlertEvent> events) {
    }

    private static final long NEVER = Long.MIN_VALUE;

    private final RiskAssessor risk;
    private final AlertEngine alerts;
    private final BiFunction<String, String, Thresholds> thresholdsOf;
    private final BiFunction<String, Long, ScoredObservation> contextOf;
    private long clock = NEVER;
    private long silenceCheckedAt = NEVER;

    /**
     * @param thresholdsOf the thresholds of a patient in a ward (for the silence check)
     * @param contextOf    a reading without vitals for a patient and event time (the NO_DATA message needs the profile)
     */
    public ClinicalEngine(RiskAssessor risk, AlertEngine alerts, BiFunction<String, String, Thresholds> thresholdsOf,
                          BiFunction<String, Long, ScoredObservation> contextOf) {
        this.risk = risk;
        this.alerts = alerts;
        this.thresholdsOf = thresholdsOf;
        this.contextOf = contextOf;
    }

    /** In memory only (replay, tests, bench). */
    public ClinicalEngine(BiFunction<String, String, Thresholds> thresholdsOf,
            BiFunction<String, Long, ScoredObservation> contextOf) {
        this(new RiskAssessor(RiskStateStore.none()), new AlertEngine(), thresholdsOf, contextOf);
    }

    /**
     * One reading in arrival order: the clock moves to its event time if later, silence is checked when due, then it is
     * judged.
     */
    public Outcome onReading(EnrichedObservation e, Thresholds t) {
        clock = Math.max(clock, e.observation().ts());
        List<AlertEvent> events = new ArrayList<>(0);
        if (silenceCheckedAt == NEVER || clock - silenceCheckedAt >= SILENCE_CHECK_MILLIS) {
            events.addAll(checkSilence());
        }
        Assessment a = risk.assess(e, t);
        events.addAll(alerts.onAssessment(a, t, clock));
        return new Outcome(a, events);
    }

    /** Lets the clock run on to {@code now} with no reading, checking for silence at every tick on the way. */
    public List<AlertEvent> runClockTo(long now) {
        List<AlertEvent> events = new ArrayList<>(0);
        if (clock == NEVER) {
            return events;
        }
        while (clock < now) {
            clock = Math.min(now, Math.max(clock, silenceCheckedAt) + SILENCE_CHECK_MILLIS);
            events.addAll(checkSilence());
        }
        return events;
    }

    /** The silence check at the current clock (end of a file). */
    public List<AlertEvent> checkSilence() {
        if (clock == NEVER) {
            return List.of();
        }
        silenceCheckedAt = clock;
        return alerts.onClock(clock, thresholdsOf, contextOf);
    }

    public AlertEngine.AckOutcome onAcknowledgement(Acknowledgement ack) {
        return alerts.onAcknowledgement(ack, contextOf);
    }

    /** The latest event time read. */
    public long clock() {
        return clock;
    }
}
