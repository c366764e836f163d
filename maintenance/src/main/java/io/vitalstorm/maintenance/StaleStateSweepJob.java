package io.vitalstorm.maintenance;

import io.vitalstorm.coordination.LeaderFence;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.redis.LiveStateReader;
import io.vitalstorm.storage.redis.StaleStateSweeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stale-state sweep: patients on the risk board silent for longer than {@code silentAfter}
 * (by {@code updatedAt}, the wall clock of their last write), and discharged patients whose state
 * predates the discharge, lose their live state in Redis (see {@link StaleStateSweeper}).
 */
public final class StaleStateSweepJob implements MaintenanceJob {

    public static final String NAME = "sweep";
    private static final int BATCH = 500;

    private final LiveStateReader live;
    private final Discharges discharges;
    private final StaleStateSweeper sweeper;
    private final Duration silentAfter;
    private final Clock clock;

    public StaleStateSweepJob(LiveStateReader live, Discharges discharges, StaleStateSweeper sweeper,
            Duration silentAfter,
                              Clock clock) {
        this.live = live;
        this.discharges = discharges;
        this.sweeper = sweeper;
        this.silentAfter = silentAfter;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> run(String slot, LeaderFence fence) throws Exception {
        long silentCutoff = clock.instant().minus(silentAfter).toEpochMilli();
        Map<String, Instant> discharged = discharges.recent();
        Set<String> patients = new LinkedHashSet<>(live.riskBoard());
        patients.addAll(discharged.keySet());
        Map<String, Map<String, String>> latest = live.latest(patients);
        List<StaleStateSweeper.Candidate> silent = new ArrayList<>();
        List<StaleStateSweeper.Candidate> released = new ArrayList<>();
        for (String p : patients) {
            Map<String, String> state = latest.getOrDefault(p, Map.of());
            long updated = lastUpdate(state);
            Instant dischargedAt = discharged.get(p);
            if (dischargedAt != null && updated < dischargedAt.toEpochMilli()) {
                released.add(new StaleStateSweeper.Candidate(p, state.get("ward"), dischargedAt.toEpochMilli()));
            } else if (updated < silentCutoff) {
                silent.add(new StaleStateSweeper.Candidate(p, state.get("ward"), silentCutoff));
            }
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("checked", patients.size());
        counts.put("silent", sweep(silent, fence));
        counts.put("discharged", sweep(released, fence));
        return counts;
    }

    /** Wall clock of the last write; the event time if an older writer left no updatedAt; 0 if nothing is left. */
    private static long lastUpdate(Map<String, String> state) {
        String v = state.getOrDefault("updatedAt", state.get("ts"));
        return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
    }

    private int sweep(List<StaleStateSweeper.Candidate> candidates, LeaderFence fence) throws Exception {
        int swept = 0;
        for (int i = 0; i < candidates.size(); i += BATCH) {
            fence.ensureHeld();
            swept += sweeper.sweep(candidates.subList(i, Math.min(i + BATCH, candidates.size())));
        }
        return swept;
    }
}
