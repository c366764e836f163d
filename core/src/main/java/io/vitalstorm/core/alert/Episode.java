package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;

/**
 * The durable state of one alert (one patient, one condition): small, one hash field in Redis,
 * written on every change before the transition goes downstream.
 *
 * @param worst            worst band of the alert so far (escalation is a rise above it)
 * @param openedAt         event time it opened
 * @param lastTransitionTs event time of its last transition ({@code state}, number {@code seq})
 * @param belowSince       event time since when the condition no longer holds, or -1
 * @param lastNotifiedAt   event time clinicians were last told (OPEN or ESCALATED)
 * @param acknowledgedBy   who acknowledged since the last notification, or null
 * @param lastReason       the reason of the last transition
 */
public record Episode(AlertCondition condition, String alertId, AlertState state, int seq, RiskBand worst,
                      RiskBand band, int news2, long openedAt, long lastTransitionTs, long belowSince,
                      long lastNotifiedAt, String acknowledgedBy, String lastReason) {

    public boolean open() {
        return state != AlertState.RESOLVED;
    }

    Episode next(AlertState nextState, RiskBand nextBand, int nextNews2, long ts, String reason) {
        return new Episode(condition, alertId, nextState, seq + 1, worst.compareTo(nextBand) >= 0 ? worst : nextBand,
                nextBand, nextNews2, openedAt, ts, -1,
                nextState == AlertState.ESCALATED ? ts : lastNotifiedAt,
                nextState == AlertState.ESCALATED ? null : acknowledgedBy, reason);
    }

    /** Keeps the reading clock: an acknowledgement's wall-clock time must not hide later readings. */
    Episode acknowledged(String by, String reason) {
        return new Episode(condition, alertId, AlertState.ACKNOWLEDGED, seq + 1, worst, band, news2, openedAt,
                lastTransitionTs, belowSince, lastNotifiedAt, by, reason);
    }

    Episode withBelowSince(long since) {
        return new Episode(condition, alertId, state, seq, worst, band, news2, openedAt, lastTransitionTs, since,
                lastNotifiedAt, acknowledgedBy, lastReason);
    }

    /** A compact text form: fields joined by '|' (free text has '|' replaced). */
    public String encode() {
        return String.join("|", condition.name(), alertId, state.name(), Integer.toString(seq), worst.name(),
                band.name(), Integer.toString(news2), Long.toString(openedAt), Long.toString(lastTransitionTs),
                Long.toString(belowSince), Long.toString(lastNotifiedAt),
                acknowledgedBy == null ? "" : acknowledgedBy.replace('|', '/'), lastReason.replace('|', '/'));
    }

    public static Episode decode(String text) {
        String[] f = text.split("\\|", 13);
        if (f.length != 13) {
            throw new IllegalArgumentException("not an alert episode: " + text);
        }
        return new Episode(AlertCondition.valueOf(f[0]), f[1], AlertState.valueOf(f[2]), Integer.parseInt(f[3]),
                RiskBand.valueOf(f[4]), RiskBand.valueOf(f[5]), Integer.parseInt(f[6]), Long.parseLong(f[7]),
                Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]), f[11].isEmpty() ? null : f[11],
                f[12]);
    }
}
