package io.vitalstorm.maintenance;

import io.vitalstorm.coordination.LeaderFence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One leader-only job. The scheduler asks it which slots are due, claims each in ZooKeeper, runs
 * it, and completes the slot in a fenced transaction. A job calls {@link LeaderFence#ensureHeld()}
 * right before every write outside ZooKeeper, so a leader that lost its session writes nothing more.
 */
public interface MaintenanceJob {

    /** Short name: the folder of its slots and the {@code job=} of its log line. */
    String name();

    /**
     * The slots to run by {@code now}, oldest first: a bounded window, so a slot older than the
     * window's start is never run (and its record may be forgotten). {@code epoch} is when
     * maintenance first ran in this installation; periodic jobs start there.
     */
    List<String> dueSlots(Instant now, Instant epoch);

    /** Runs one slot; returns counts for the log line (e.g. {@code teams=3}). */
    Map<String, Object> run(String slot, LeaderFence fence) throws Exception;
}
