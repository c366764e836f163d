package io.vitalstorm.registrysync.adt;

import java.time.Instant;

/**
 * What an ADT event did to the registry: {@code change} is one of created-provisional, admitted,
 * transfer, updated, discharged, unchanged, stale (older than the registry's last ADT change:
 * ignored); {@code provisional} flags a patient the registry did not know.
 */
public record AdtOutcome(String patientId, String change, boolean provisional, boolean discharged, Instant eventTime,
                         String detail) {
}
