package io.vitalstorm.core.risk;

import io.vitalstorm.core.model.EnrichedObservation;
import io.vitalstorm.core.news2.News2Scorer;
import io.vitalstorm.core.news2.ScoringTables;
import io.vitalstorm.core.thresholds.Thresholds;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-patient risk engine of one task: freshness of each parameter, event-time windows,
 * sustained conditions and trends, for the patients routed to it. State lives in memory and is
 * checkpointed ({@link #checkpoint}) for the patients that changed; a patient seen for the first
 * time since start is restored from the store, so a restart does not cold-start anyone.
 * Not thread-safe: one assessor per task, a patient's readings in order.
 */
public final class RiskAssessor {

    private final RiskStateStore store;
    private final Map<String, PatientRisk> patients = new HashMap<>();
    private final Set<String> changed = new HashSet<>();
    private ScoringTables scorerTables;
    private News2Scorer scorer;
    private long restored;
    private long unreadable;

    public RiskAssessor(RiskStateStore store) {
        this.store = store;
    }

    public Assessment assess(EnrichedObservation e, Thresholds t) {
        String id = e.patientId();
        PatientRisk p = patients.get(id);
        if (p == null) {
            p = restore(id, t);
            patients.put(id, p);
        }
        changed.add(id);
        return p.assess(e, t, scorerFor(t.scoring()));
    }

    /** Writes the state of every patient that changed since the last checkpoint; throws if the store fails. */
    public int checkpoint() {
        if (changed.isEmpty()) {
            return 0;
        }
        Map<String, byte[]> states = new HashMap<>(changed.size() * 2);
        for (String id : changed) {
            states.put(id, patients.get(id).encode());
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
