package io.vitalstorm.core.risk;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.thresholds.Thresholds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The per-patient risk engine of one task: freshness of each parameter, event-time windows,
 * sustained conditions and trends, for the patients routed to it. State lives in memory and is
 * checkpointed ({@link #checkpoint}) for the patients that changed; a patient seen for the first
 * time since start is restored from the store, so a restart does not cold-start anyone.
 * Patients silent for a while are dropped from memory ({@link #evictSilent}) once their state
 * is checkpointed: memory follows the patients being monitored, not every patient ever seen.
 * Not thread-safe: one assessor per task, a patient's readings in order.
 */
public final class RiskAssessor {

    /**
     * A patient's state, when their last reading arrived (the clock of eviction) and whether it
     * changed since the last checkpoint.
     */
    private static final class Tracked {
        final String id;
        final PatientRisk risk;
        long lastSeen;
        boolean changed;

        Tracked(String id, PatientRisk risk) {
            this.id = id;
            this.risk = risk;
        }
    }

    private final RiskStateStore store;
    private final ReadingHistory history;
    private final LongSupplier clock;
    /** In access order: the longest-silent patients come first, so eviction stops at the first recent one. */
    private final LinkedHashMap<String, Tracked> patients = new LinkedHashMap<>(16, 0.75f, true);
    /**
     * Patients with readings since the last checkpoint (flagged {@link Tracked#changed}); their entries, so a
     * checkpoint does not disturb the access order. A list, not a map: no entry object per patient.
     */
    private final List<Tracked> changed = new ArrayList<>();
    private ScoringTables scorerTables;
    private News2Scorer scorer;
    private long restored;
    private long unreadable;
    private long evicted;
    private long rebuilt;
    private long rebuildFailures;
    private long duplicates;

    public RiskAssessor(RiskStateStore store) {
        this(store, System::currentTimeMillis);
    }

    /** @param clock arrival time, for {@link #evictSilent} */
    public RiskAssessor(RiskStateStore store, LongSupplier clock) {
        this(store, ReadingHistory.none(), clock);
    }

    /**
     * @param history the durable record of readings: a patient seen for the first time whose
     *                checkpoint is missing or unreadable is rebuilt from it ({@link #rebuildSpan})
     */
    public RiskAssessor(RiskStateStore store, ReadingHistory history, LongSupplier clock) {
        this.store = store;
        this.history = history;
        this.clock = clock;
    }

    public Assessment assess(EnrichedObservation e, Thresholds t) {
        String id = e.patientId();
        Tracked p = patients.get(id);
        if (p == null) {
            p = new Tracked(id, restore(e, t));
            patients.put(id, p);
        }
        p.lastSeen = clock.getAsLong();
        Assessment a = p.risk.assess(e, t, scorerFor(t.scoring()));
        if (a.duplicate()) {
            duplicates++; // changed nothing: no checkpoint to write for it
        } else if (!p.changed) {
            p.changed = true;
            changed.add(p);
        }
        return a;
    }

    /**
     * Readings recognised as delivered again since start (same patient, device and event time,
     * bucket still open) and absorbed nowhere. Replays of readings whose bucket has closed are late.
     */
    public long duplicates() {
        return duplicates;
    }

    /**
     * Drops from memory every patient whose last reading arrived more than {@code silentFor}
     * before {@code now} and whose state is checkpointed (a patient still waiting for a
     * checkpoint goes at the next call). Their next reading restores them from the store.
     *
     * @return how many were dropped
     */
    public int evictSilent(long now, long silentFor) {
        int n = 0;
        Iterator<Map.Entry<String, Tracked>> it = patients.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Tracked> e = it.next();
            if (now - e.getValue().lastSeen <= silentFor) {
                break;
            }
            if (!e.getValue().changed) {
                it.remove();
                n++;
            }
        }
        evicted += n;
        return n;
    }

    /** Patients dropped from memory since start. */
    public long evicted() {
        return evicted;
    }

    /** Writes the state of every patient that changed since the last checkpoint; throws if the store fails. */
    public int checkpoint() {
        if (changed.isEmpty()) {
            return 0;
        }
        Map<String, byte[]> states = new HashMap<>(changed.size() * 2);
        for (Tracked p : changed) {
            states.put(p.id, p.risk.encode());
        }
        store.saveAll(states);
        for (Tracked p : changed) {
            p.changed = false;
        }
        changed.clear();
        return states.size();
    }

    public int patients() {
        return patients.size();
    }

    public int pendingCheckpoint() {
        return changed.size();
    }

    /** Patients resumed from a checkpoint since start. */
    public long restored() {
        return restored;
    }

    /** Checkpoints that could not be read (the patient started afresh). */
    public long unreadable() {
        return unreadable;
    }

    /** Patients whose state was rebuilt from the history since start (no usable checkpoint, readings stored). */
    public long rebuilt() {
        return rebuilt;
    }

    /** Patients without usable checkpoint whose history could not be read (they started afresh). */
    public long rebuildFailures() {
        return rebuildFailures;
    }

    /**
     * How far back a patient's state depends on their readings: the longest of the window and its
     * sustain time, the trend horizon and the validity of a parameter (a temperature counts 4 h).
     */
    static long rebuildSpan(Thresholds t) {
        long span = Math.max(t.window().size().plus(t.window().sustain()).toMillis(), t.trend().horizon().toMillis());
        for (Duration d : t.validity().byParameter().values()) {
            span = Math.max(span, d.toMillis());
        }
        return span + t.window().slide().toMillis();
    }

    private PatientRisk restore(EnrichedObservation e, Thresholds t) {
        String id = e.patientId();
        Optional<byte[]> saved = store.load(id);
        if (saved.isPresent()) {
            try {
                PatientRisk p = PatientRisk.decode(saved.get(), t);
                restored++;
                return p;
            } catch (IllegalArgumentException unreadableCheckpoint) {
                // counted, not fatal: the patient is rebuilt from the history like one without checkpoint
                unreadable++;
            }
        }
        return rebuild(e, t);
    }

    /**
     * A state as if the patient's stored readings before this one had just been assessed: the
     * readings of the last {@link #rebuildSpan} before its event time, replayed oldest first (a new
     * patient has none: one history read on first sight). Readings not yet written to the history
     * (it is written asynchronously, a few seconds behind) are missing from it. If the history
     * cannot be read the patient starts afresh, counted: alerting does not wait for the history store.
     */
    private PatientRisk rebuild(EnrichedObservation e, Thresholds t) {
        PatientRisk p = new PatientRisk(t);
        long to = e.observation().ts();
        List<Observation> past;
        try {
            past = history.readings(e.patientId(), to - rebuildSpan(t), to);
        } catch (RuntimeException failure) {
            rebuildFailures++;
            return p;
        }
        if (past.isEmpty()) {
            return p;
        }
        News2Scorer s = scorerFor(t.scoring());
        for (Observation o : past) {
            p.assess(new EnrichedObservation(o, e.profile(), e.knownPatient()), t, s);
        }
        rebuilt++;
        return p;
    }

    /** One scorer per chart in force; a thresholds change brings a new chart object. */
    private News2Scorer scorerFor(ScoringTables tables) {
        if (tables != scorerTables) {
            scorerTables = tables;
            scorer = new News2Scorer(tables);
        }
        return scorer;
    }
}
