package io.vitalstorm.core.window;

/**
 * A closed bucket of one patient's high-rate readings, reduced to medians: a two-second motion
 * artefact among thirty readings does not move a median. Null where the bucket had no value.
 */
public record BucketSummary(long start, long end, int readings, Double heartRate, Double respiratoryRate, Double spo2) {
}
