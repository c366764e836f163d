package io.vitalstorm.core.risk;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.thresholds.Thresholds;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

    /** A patient's state and when their last reading arrived (the clock of eviction). */
    private static final class Tracked {
        final PatientRisk risk;
        long lastSeen;

        Tracked(PatientRisk risk) {
            this.risk = risk;
        }
    }

    private final RiskStateStore store;
    private final LongSupplier clock;
    /** In access order: the longest-silent patients come first, so eviction stops at the first recent one. */
    private final LinkedHashMap<String, Tracked> patients = new LinkedHashMap<>(16, 0.75f, true);
    /** Patients with readings since the last checkpoint; their entries, so a checkpoint does not disturb the access order. */
    private final Map<String, Tracked> changed = new HashMap<>();
    private ScoringTables scorerTables;
    private News2Scorer scorer;
    private long restored;
    private long unreadable;
    private long evicted;

    public RiskAssessor(RiskStateStore store) {
        this(store, System::currentTimeMillis);
    }

    /** @param clock arrival time, for {@link #evictSilent} */
    public RiskAssessor(RiskStateStore store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    public Assessment assess(EnrichedObservation e, Thresholds t) {
        String id = e.patientId();
        Tracked p = patients.get(id);
        if (p == null) {
            p = new Tracked(restore(id, t));
            patients.put(id, p);
        }
        p.lastSeen = clock.getAsLong();
        changed.put(id, p);
        return p.risk.assess(e, t, scorerFor(t.scoring()));
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
            if (!changed.containsKey(e.getKey())) {
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
        for (Map.Entry<String, Tracked> e : changed.entrySet()) {
            states.put(e.getKey(), e.getValue().risk.encode());
        }
        store.saveAll(states);
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

    private PatientRisk restore(String id, Thresholds t) {
        Optional<byte[]> saved = store.load(id);
        if (saved.isPresent()) {
            try {
                PatientRisk p = PatientRisk.decode(saved.get(), t);
                restored++;
                return p;
            } catch (IllegalArgumentException e) {
                // counted, not fatal: the patient starts afresh and the adapter reports the count
                unreadable++;
            }
        }
        return new PatientRisk(t);
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
