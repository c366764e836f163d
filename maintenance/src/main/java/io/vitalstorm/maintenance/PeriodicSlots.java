package io.vitalstorm.maintenance;

import io.vitalstorm.coordination.FencedJobSlots;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The due slots of a job that runs every {@code period}: the current one and up to
 * {@code catchUp - 1} before it, none before the epoch. The window is what lets a new leader run
 * the slots the old one missed while the election settled.
 */
public record PeriodicSlots(Duration period, int catchUp) implements SlotSchedule {

    @Override
    public List<String> due(Instant now, Instant epoch) {
        long p = period.toMillis();
        long current = Math.floorDiv(now.toEpochMilli(), p) * p;
        long first = Math.max(current - (catchUp - 1L) * p, Math.floorDiv(epoch.toEpochMilli(), p) * p);
        List<String> out = new ArrayList<>();
        for (long t = first; t <= current; t += p) {
            out.add(FencedJobSlots.slotOf(Instant.ofEpochMilli(t), period));
        }
        return out;
    }
}
