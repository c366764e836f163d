package io.vitalstorm.maintenance;

import io.vitalstorm.coordination.LeaderFence;

import java.util.Map;

/**
 * One leader-only job; when it runs is its {@link SlotSchedule}'s business. The scheduler claims
 * each due slot in ZooKeeper, runs it, and completes the slot in a fenced transaction. A job calls
 * {@link LeaderFence#ensureHeld()} right before every write outside ZooKeeper, so a leader that
 * lost its session writes nothing more.
 */
@FunctionalInterface
public interface MaintenanceJob {

    /** Runs one slot; returns counts for the log line (e.g. {@code teams=3}). */
    Map<String, Object> run(String slot, LeaderFence fence) throws Exception;
}
