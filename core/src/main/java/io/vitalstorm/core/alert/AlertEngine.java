package io.vitalstorm.core.alert;

import io.vitalstorm.core.model.StringPool;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.news2.ScoredObservation;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.risk.Finding;
import io.vitalstorm.core.thresholds.Thresholds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The alert lifecycle: at most one open alert per patient and condition, OPEN → (ESCALATED,
 * ACKNOWLEDGED)* → RESOLVED.
 * <ul>
 *   <li>OPEN when a condition starts to hold — unless the same condition resolved less than the
 *       cooldown ago and is not worse than it was (no flapping around the trigger);</li>
 *   <li>ESCALATED when the NEWS2 band rises above the alert's worst, or when nobody has
 *       acknowledged it for {@code escalateAfter} while the condition still holds (and again
 *       each further period);</li>
 *   <li>ACKNOWLEDGED when a clinician takes it: it stays open, the reminder clock stops until
 *       the next escalation;</li>
 *   <li>RESOLVED once the condition has not held for {@code resolveAfter} (NO_DATA: as soon as
 *       readings arrive again).</li>
 * </ul>
 * Clocks are event time, except silence, which is measured in arrival time. Episodes are saved
 * to the {@link EpisodeStore} before a transition is returned. Kafka replays readings (after a
 * restart, or a failed write elsewhere in a reading's tuple tree): a replay — flagged duplicate
 * by the risk engine, or late — acts on nothing and re-emits the transitions a reading at its
 * event time caused (same ids and content: nothing is lost, consumers drop the repeat); after a
 * restart, a reading at the event time of an alert's last transition re-emits it the same way.
 * A duplicate or late reading beyond the latest event time the engine holds for the patient (after
 * a restart: the latest its stored episodes prove it assessed) never reached this engine — its
 * task died with the assessment on the way — and is assessed as a new reading, on the findings it
 * carries (the risk engine's current ones).
 * Not thread-safe: one engine per task, a patient's readings in order.
 */
public final class AlertEngine {

    private static final AlertCondition[] CONDITIONS = AlertCondition.values();

    /** What the engine keeps per patient: small, and the episodes only once the patient has alerted. */
    private static final class PatientAlerts {
        private static final Episode[] NONE = new Episode[CONDITIONS.length];
        /** By condition; the shared empty array until the patient's first alert (most patients never alert). */
        Episode[] episodes = NONE;
        /** Latest event time and arrival time of a reading (-1 before the first). */
        long lastTs = -1;
        long lastArrival = -1;
        String ward;
        /** The latest reading, kept only while an alert is open (context for acknowledgements and silence). */
        ScoredObservation lastCause;
        /** The last few transitions, oldest at {@code recentNext}, to send again for a replayed reading. */
        Episode[] recent = NO_TRANSITIONS;
        int recentNext;
    }

    /** Transitions kept per alerting patient: one reading causes at most three (NEWS2, trend, NO_DATA resolved). */
    private static final int RECENT_TRANSITIONS = 4;
    /** Distinct wards kept as one shared copy each; a registry with more keeps the rest as they come. */
    private static final int MAX_WARDS = 10_000;
    private static final Episode[] NO_TRANSITIONS = new Episode[0];

    /** The outcome of an acknowledgement: a transition, nothing (a repeat), or why it was refused. */
    public record AckOutcome(AlertEvent event, String refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    private final EpisodeStore store;
    private final AlertHistory history;
    /** Insertion order keeps silence checks (and so replay output) in a stable order. */
    private final Map<String, PatientAlerts> patients = new LinkedHashMap<>();
    /** Episodes changed by the reading being assessed, stored once all its transitions are made. */
    private final List<Episode> deferred = new ArrayList<>(2);
    private boolean deferSaves;
    /** One copy per ward, not per patient: every tuple brings its own deserialised string. */
    private final StringPool wards = new StringPool(MAX_WARDS);
    private long suppressedByCooldown;
    private long rebuilt;
    private long rebuildFailures;

    public AlertEngine() {
        this(EpisodeStore.none());
    }

    public AlertEngine(EpisodeStore store) {
        this(store, AlertHistory.none());
    }

    /**
     * @param history the durable record of alert transitions: a patient the store has no episode
     *                for is looked up there once, on first sight, and their episodes rebuilt
     *                ({@link EpisodeRebuild}) and written back to the store, so a store that lost
     *                them (a cache restarted empty) changes no alert id
     */
    public AlertEngine(EpisodeStore store, AlertHistory history) {
        this.store = store;
        this.history = history;
    }

    /**
     * Acts on the risk engine's verdicts for one reading.
     *
     * @param arrivedAt when the reading arrived (processing time), the clock of silence detection
     */
    public List<AlertEvent> onAssessment(Assessment a, Thresholds t, long arrivedAt) {
        PatientAlerts p = patient(a.patientId());
        List<AlertEvent> out;
        // every transition of the reading is made in memory before any is stored: a store that fails
        // half-way (Redis down) fails the reading, and its replay then finds all of them to send again
        deferSaves = true;
        try {
            out = assess(p, a, t, arrivedAt);
        } catch (RuntimeException e) {
            deferred.clear();
            throw e;
        } finally {
            deferSaves = false;
        }
        saveDeferred(p, a.patientId());
        return out;
    }

    private List<AlertEvent> assess(PatientAlerts p, Assessment a, Thresholds t, long arrivedAt) {
        long ts = a.ts();
        List<AlertEvent> out = new ArrayList<>(1);
        ScoredObservation cause = a.scored();
        // a replay the risk engine already holds but this engine never saw (its task died with the reading on the
        // way to it): beyond anything held for the patient, it is the reading that did not arrive, and counts as one
        boolean unseen = (a.duplicate() || a.late()) && ts > p.lastTs;
        if (a.duplicate() && !unseen) {
            // a replay changed nothing; its transitions are sent again in case their first sending was lost
            repeatTransitionsAt(p, ts, cause, out);
            return out;
        }
        boolean late = a.late() && !unseen;
        p.lastTs = Math.max(p.lastTs, ts);
        if (!late) {
            // a late reading's bucket closed because newer readings had arrived: it says nothing new about
            // the device being heard, and a replay of an old reading (not recognisable once its bucket closed) is late
            p.lastArrival = Math.max(p.lastArrival, arrivedAt);
        }
        p.ward = wards.shared(a.scored().profile().ward());
        if (late) {
            repeatTransitionsAt(p, ts, cause, out);
        } else {
            long now = p.lastTs;
            apply(p, a.news2(), cause, t, ts, now, out);
            apply(p, a.trend(), cause, t, ts, now, out);
        }
        Episode silence = p.episodes[AlertCondition.NO_DATA.ordinal()];
        if (silence != null && silence.open() && ts > silence.openedAt()) {
            transition(p, silence.resolved(silence.band(), silence.news2(), Math.max(ts, silence.lastTransitionTs()),
                    "readings arrive again (" + Instant.ofEpochMilli(ts) + ")"), cause, out);
        }
        if (!anyOpen(p)) {
            p.lastCause = null;
        } else if (!late || p.lastCause == null) {
            p.lastCause = cause;
        }
        return out;
    }

    /**
     * Sends again the transitions a reading at event time {@code ts} caused, as they were (same
     * eventId and content): those still in the patient's recent transitions, else the episodes'
     * last ones. Not acknowledgements: no reading causes them (and they keep the reading clock).
     */
    private void repeatTransitionsAt(PatientAlerts p, long ts, ScoredObservation cause, List<AlertEvent> out) {
        int first = out.size();
        for (int k = 0; k < p.recent.length; k++) {
            Episode ep = p.recent[Math.floorMod(p.recentNext + k, p.recent.length)];
            if (ep != null && causedAt(ep, ts)) {
                repeat(p, ep, cause, out);
            }
        }
        for (Episode ep : p.episodes) {
            if (ep != null && causedAt(ep, ts) && !repeated(out, first, ep)) {
                repeat(p, ep, cause, out);
            }
        }
    }

    /**
     * Sends a past transition again, and stores it again if it is still the episode's state (its store may have
     * failed).
     */
    private void repeat(PatientAlerts p, Episode ep, ScoredObservation cause, List<AlertEvent> out) {
        out.add(event(ep, cause));
        if (p.episodes[ep.condition().ordinal()] == ep) {
            deferred.add(ep);
        }
    }

    private static boolean causedAt(Episode ep, long ts) {
        return ep.lastTransitionTs() == ts && ep.state() != AlertState.ACKNOWLEDGED;
    }

    /** Transitions a reading can cause (kept for its replays): not acknowledgements, not silence opening NO_DATA. */
    private static boolean byReading(Episode ep) {
        return ep.state() != AlertState.ACKNOWLEDGED
                && !(ep.condition() == AlertCondition.NO_DATA && ep.state() == AlertState.OPEN);
    }

    private static boolean repeated(List<AlertEvent> out, int from, Episode ep) {
        String eventId = AlertIds.event(ep.alertId(), ep.seq(), ep.state());
        for (int i = from; i < out.size(); i++) {
            if (out.get(i).eventId().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens NO_DATA for every patient of this engine from whom nothing has arrived for longer
     * than the patient's {@code noDataAfter}, as of arrival time {@code now}.
     *
     * @param thresholdsOf the thresholds of a patient in a ward
     * @param contextOf    a reading without vitals for a patient and event time, used when no
     *                     reading is in memory (the alert message needs the patient's profile)
     */
    public List<AlertEvent> onClock(long now, BiFunction<String, String, Thresholds> thresholdsOf,
                                    BiFunction<String, Long, ScoredObservation> contextOf) {
        List<AlertEvent> out = new ArrayList<>(0);
        for (Map.Entry<String, PatientAlerts> entry : patients.entrySet()) {
            PatientAlerts p = entry.getValue();
            if (p.lastArrival < 0) {
                continue;
            }
            long gap = thresholdsOf.apply(entry.getKey(), p.ward).timing().noDataAfter().toMillis();
            Episode ep = p.episodes[AlertCondition.NO_DATA.ordinal()];
            if (now - p.lastArrival <= gap || (ep != null && (ep.open() || ep.openedAt() == p.lastTs))) {
                continue;
            }
            ScoredObservation cause = p.lastCause != null ? p.lastCause : contextOf.apply(entry.getKey(), p.lastTs);
            String reason = "no readings for " + gap / 60_000.0 + " min since " + Instant.ofEpochMilli(p.lastTs);
            long at = p.lastTs + gap;
            RiskBand band = cause.score().band();
            String alertId = AlertIds.alert(entry.getKey(), AlertCondition.NO_DATA, p.lastTs);
            transition(p, Episode.opened(AlertCondition.NO_DATA, alertId, band, cause.score().total(), p.lastTs, at,
                    reason), cause, out);
            p.lastCause = cause;
        }
        return out;
    }

    /**
     * Records a clinician's acknowledgement of an open alert.
     *
     * @param contextOf as for {@link #onClock}
     */
    public AckOutcome onAcknowledgement(Acknowledgement ack, BiFunction<String, Long, ScoredObservation> contextOf) {
        PatientAlerts p = patient(ack.patientId());
        for (Episode ep : p.episodes) {
            if (ep == null || !ep.alertId().equals(ack.alertId())) {
                continue;
            }
            if (!ep.open()) {
                return new AckOutcome(null,
                        "alert " + ack.alertId() + " of patient " + ack.patientId() + " is already resolved");
            }
            if (ack.by().equals(ep.acknowledgedBy())) {
                return new AckOutcome(null, null); // a repeat: already acknowledged by the same person
            }
            String reason = "acknowledged by " + ack.by()
                    + (ack.note() == null || ack.note().isBlank() ? "" : ": " + ack.note());
            Episode next = ep.acknowledged(ack.by(), reason);
            ScoredObservation cause = p.lastCause != null ? p.lastCause
                    : contextOf.apply(ack.patientId(), p.lastTs >= 0 ? p.lastTs : ack.ts());
            List<AlertEvent> out = new ArrayList<>(1);
            transition(p, next, cause, out);
            AlertEvent e = out.get(0);
            // the acknowledgement's own time, not the reading clock the episode keeps for replays
            return new AckOutcome(
                    new AlertEvent(e.eventId(), e.alertId(), e.condition(), e.state(), e.band(), e.news2(),
                    e.reason(), ack.ts(), ack.by(), cause), null);
        }
        return new AckOutcome(null, "patient " + ack.patientId() + " has no alert " + ack.alertId());
    }

    /**
     * The patient was discharged at {@code ts} (an ADT event): every open alert resolves with
     * the reason "discharged", and the patient is no longer watched for silence (their device is
     * expected to stop). Readings that still arrive afterwards are assessed as usual.
     *
     * @param contextOf as for {@link #onClock}
     */
    public List<AlertEvent> onDischarge(String patientId, long ts, String detail,
                                        BiFunction<String, Long, ScoredObservation> contextOf) {
        PatientAlerts p = patient(patientId);
        List<AlertEvent> out = new ArrayList<>(0);
        for (Episode ep : p.episodes) {
            if (ep != null && ep.open()) {
                ScoredObservation cause = p.lastCause != null ? p.lastCause
                        : contextOf.apply(patientId, Math.max(ts, p.lastTs));
                transition(p, ep.resolved(ep.band(), ep.news2(), Math.max(ts, ep.lastTransitionTs()),
                        "discharged" + (detail == null || detail.isBlank() ? "" : " (" + detail + ")")), cause, out);
            }
        }
        p.lastCause = null;
        p.lastArrival = -1;
        return out;
    }

    /**
     * Drops from memory every patient from whom nothing has arrived for more than
     * {@code silentFor} before {@code now} (arrival time), once nothing is left to do for them
     * but wait: no alert open, or their silence already alerted (NO_DATA open, which the next
     * reading resolves). Their episodes are in the {@link EpisodeStore} and come back with the
     * next reading or acknowledgement. Only for engines with a durable store: with
     * {@link EpisodeStore#none()} this forgets the alerts.
     *
     * @return how many were dropped
     */
    public int evictSilent(long now, long silentFor) {
        int n = 0;
        Iterator<PatientAlerts> it = patients.values().iterator();
        while (it.hasNext()) {
            PatientAlerts p = it.next();
            if (now - p.lastArrival > silentFor && onlyWaiting(p)) {
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** Patients held in memory. */
    public int patients() {
        return patients.size();
    }

    private static boolean onlyWaiting(PatientAlerts p) {
        Episode silence = p.episodes[AlertCondition.NO_DATA.ordinal()];
        return !anyOpen(p) || (silence != null && silence.open());
    }

    public int openAlerts() {
        int n = 0;
        for (PatientAlerts p : patients.values()) {
            for (Episode e : p.episodes) {
                n += e != null && e.open() ? 1 : 0;
            }
        }
        return n;
    }

    /** Re-alerts held back by the cooldown since start. */
    public long suppressedByCooldown() {
        return suppressedByCooldown;
    }

    private void apply(PatientAlerts p, Finding f, ScoredObservation cause, Thresholds t, long ts, long now,
                       List<AlertEvent> out) {
        Episode ep = p.episodes[f.condition().ordinal()];
        if (ep != null && ts <= ep.lastTransitionTs()) {
            if (causedAt(ep, ts)) {
                repeat(p, ep, cause, out); // a replay of the reading behind the last transition
            }
            return;
        }
        if (f.active()) {
            if (ep == null || !ep.open()) {
                if (ep != null && now - ep.lastTransitionTs() < t.timing().cooldown().toMillis()
                        && f.band().compareTo(ep.worst()) <= 0) {
                    suppressedByCooldown++;
                    return;
                }
                String alertId = AlertIds.alert(cause.patientId(), f.condition(), ts);
                transition(p, Episode.opened(f.condition(), alertId, f.band(), f.news2(), ts, ts, f.reason()), cause,
                        out);
                return;
            }
            if (f.condition() == AlertCondition.NEWS2 && f.band().compareTo(ep.worst()) > 0) {
                transition(p, ep.escalated(f.band(), f.news2(), ts,
                        "risk rose from " + ep.worst() + " to " + f.band() + ": " + f.reason()), cause, out);
                return;
            }
            if (ep.belowSince() >= 0) {
                ep = ep.holdsAgain();
                save(p, cause.patientId(), ep);
            }
            escalateIfUnacknowledged(p, ep, f, cause, t, ts, now, out);
            return;
        }
        if (ep == null || !ep.open()) {
            return;
        }
        long below = ep.belowSince() >= 0 ? ep.belowSince() : ts;
        if (now - below >= t.resolveAfter().toMillis()) {
            transition(p, ep.resolved(f.band(), f.news2(), ts, "no longer holds for "
                    + (now - below) / 60_000 + " min (NEWS2 " + f.news2() + ", " + f.band() + ")"), cause, out);
            return;
        }
        if (ep.belowSince() < 0) {
            save(p, cause.patientId(), ep.stoppedHolding(ts));
        }
        // no reminders while the condition no longer holds: the alert is on its way to resolving
    }

    private void escalateIfUnacknowledged(PatientAlerts p, Episode ep, Finding f, ScoredObservation cause, Thresholds t,
                                          long ts, long now, List<AlertEvent> out) {
        long waited = now - ep.lastNotifiedAt();
        if (ep.acknowledgedBy() == null && waited >= t.timing().escalateAfter().toMillis()) {
            // the reminder tells where the patient is now
            transition(p, ep.escalated(f.band(), f.news2(), ts,
                    "not acknowledged within " + waited / 60_000 + " min"), cause, out);
        }
    }

    private void transition(PatientAlerts p, Episode next, ScoredObservation cause, List<AlertEvent> out) {
        save(p, cause.patientId(), next);
        if (byReading(next)) {
            if (p.recent == NO_TRANSITIONS) {
                p.recent = new Episode[RECENT_TRANSITIONS];
            }
            p.recent[p.recentNext] = next;
            p.recentNext = (p.recentNext + 1) % RECENT_TRANSITIONS;
        }
        out.add(event(next, cause));
    }

    private void save(PatientAlerts p, String patientId, Episode ep) {
        put(p, ep);
        if (deferSaves) {
            deferred.add(ep);
        } else {
            store.save(patientId, ep, anyOpen(p));
        }
    }

    private void saveDeferred(PatientAlerts p, String patientId) {
        try {
            for (Episode ep : deferred) {
                store.save(patientId, ep, anyOpen(p));
            }
        } finally {
            deferred.clear();
        }
    }

    private PatientAlerts patient(String patientId) {
        PatientAlerts p = patients.get(patientId);
        if (p == null) {
            p = new PatientAlerts();
            List<Episode> saved = store.load(patientId);
            for (Episode e : saved.isEmpty() ? rebuild(patientId) : saved) {
                put(p, e);
                p.lastTs = Math.max(p.lastTs, heldUpTo(e));
            }
            patients.put(patientId, p);
        }
        return p;
    }

    /**
     * Episodes from the durable record, written back to the store. If the record cannot be read,
     * the patient starts without episodes (as before rebuilds existed), counted: alerting does
     * not wait for the history store.
     */
    private List<Episode> rebuild(String patientId) {
        List<Episode> episodes;
        try {
            episodes = EpisodeRebuild.episodes(history.transitions(patientId));
        } catch (RuntimeException e) {
            rebuildFailures++;
            return List.of();
        }
        if (!episodes.isEmpty()) {
            boolean anyOpen = episodes.stream().anyMatch(Episode::open);
            for (Episode e : episodes) {
                store.save(patientId, e, anyOpen);
            }
            rebuilt++;
        }
        return episodes;
    }

    /** Patients whose episodes were rebuilt from the durable record since start. */
    public long rebuilt() {
        return rebuilt;
    }

    /** Patients whose durable record could not be read when their episodes were missing. */
    public long rebuildFailures() {
        return rebuildFailures;
    }

    /**
     * The latest reading event time a stored episode proves this engine assessed: its last transition (or where its
     * condition stopped holding). Not a NO_DATA transition's own time, which is the silence's end, not a reading: for
     * NO_DATA the reading before the silence.
     */
    private static long heldUpTo(Episode e) {
        if (e.condition() == AlertCondition.NO_DATA) {
            return e.openedAt();
        }
        return Math.max(e.lastTransitionTs(), e.belowSince());
    }

    private static void put(PatientAlerts p, Episode e) {
        if (p.episodes == PatientAlerts.NONE) {
            p.episodes = new Episode[CONDITIONS.length];
        }
        p.episodes[e.condition().ordinal()] = e;
    }

    private static boolean anyOpen(PatientAlerts p) {
        for (Episode e : p.episodes) {
            if (e != null && e.open()) {
                return true;
            }
        }
        return false;
    }

    private static AlertEvent event(Episode ep, ScoredObservation cause) {
        return new AlertEvent(AlertIds.event(ep.alertId(), ep.seq(), ep.state()), ep.alertId(), ep.condition(),
                ep.state(), ep.band(), ep.news2(), ep.lastReason(), ep.lastTransitionTs(), ep.acknowledgedBy(), cause);
    }
}
