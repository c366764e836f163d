package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;

/**
 * An alert transition as the durable store keeps it (Cassandra {@code alerts_by_patient}): what
 * {@link EpisodeRebuild} needs to give a patient back their alerts when the episode cache lost them.
 *
 * @param ts             the transition's event time (an acknowledgement: its own time)
 * @param acknowledgedBy who had acknowledged the alert as of this transition, or null
 */
public record PastTransition(String eventId, String alertId, AlertCondition condition, AlertState state, RiskBand band,
                             int news2, long ts, String acknowledgedBy, String reason) {
}
