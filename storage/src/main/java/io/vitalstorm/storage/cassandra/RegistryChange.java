package io.vitalstorm.storage.cassandra;

import java.time.Instant;

/**
 * One row of the registry history: what changed a patient's profile, when, and from what to what (JSON, null for none).
 */
public record RegistryChange(String patientId, Instant changedAt, ChangeSource source, Instant sourceTime,
                             String kind, String before, String after, String detail) {
}
