package io.vitalstorm.core.state;

import io.vitalstorm.core.news2.RiskBand;

/**
 * An alert episode as stored: the fields of {@code alert.Episode}, its condition and state by name
 * ({@code acknowledgedBy} null for nobody).
 */
public record StoredEpisode(String condition, String alertId, String state, int seq, RiskBand worst, RiskBand band,
                            int news2, long openedAt, long lastTransitionTs, long belowSince, long lastNotifiedAt,
                            String acknowledgedBy, String lastReason) {
}
