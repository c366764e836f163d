package io.vitalstorm.storage.cassandra;

import java.time.Instant;
import java.util.Map;

/** An alert transition as stored in {@code alerts_by_patient}. */
public record StoredAlert(String patientId, Instant ts, String eventId, String alertId, String condition, String state,
                          String band, int news2, String acknowledgedBy, Map<String, Integer> subscores, String reason,
                          String ward, String careTeam) {
}
