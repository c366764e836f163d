package io.vitalstorm.maintenance;

/**
 * A job, its name (the ZooKeeper folder of its slots and the {@code job=} of its log line) and
 * when it runs.
 */
public record ScheduledJob(String name, MaintenanceJob job, SlotSchedule schedule) {
}
