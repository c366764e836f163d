package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;

/**
 * The durable part of a patient's alert state: the current (or last, once resolved) episode and
 * the last transition it published. Small (one line in Redis) and written only when it changes.
 *
 * @param belowTriggerSince event time since when the patient is below the trigger, or -1
 * @param lastEventTs       event time of the observation that caused {@code lastState}
 */
public record EpisodeSnapshot(String alertId, RiskBand worst, long belowTriggerSince,
                              long lastEventTs, AlertState lastState, RiskBand lastBand, String lastReason) {

    public boolean open() {
        return lastState != AlertState.RESOLVED;
    }

    /** A compact text form: fields joined by '|' (reasons never contain it). */
    public String encode() {
        return String.join("|", alertId, worst.name(), Long.toString(belowTriggerSince), Long.toString(lastEventTs),
                lastState.name(), lastBand.name(), lastReason.replace('|', '/'));
    }

    public static EpisodeSnapshot decode(String text) {
        String[] f = text.split("\\|", 7);
        if (f.length != 7) {
            throw new IllegalArgumentException("not an episode snapshot: " + text);
        }
        return new EpisodeSnapshot(f[0], RiskBand.valueOf(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                AlertState.valueOf(f[4]), RiskBand.valueOf(f[5]), f[6]);
    }
}
