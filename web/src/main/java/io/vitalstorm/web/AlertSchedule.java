package io.vitalstorm.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.thresholds.Thresholds;

import java.time.Instant;

/**
 * When an open alert escalates next, read from its episode (the state the alert engine keeps in
 * Redis) and the thresholds in force for the patient — the same rules as the engine, stated for
 * the inbox: an unacknowledged alert whose condition holds is escalated {@code escalateAfter}
 * after clinicians were last told, on the first reading at or after that time (event time); a
 * NEWS2 alert escalates at once when the band rises above its worst; an acknowledgement stops the
 * reminder clock; an alert whose condition no longer holds is on its way to resolving; NO_DATA
 * never escalates. Pure: no I/O.
 */
final class AlertSchedule {

    private AlertSchedule() {
    }

    /**
     * Adds {@code escalatesAt} (epoch ms or null), {@code resolvesAt} (or null), {@code next} (text) to {@code alert}.
     */
    static void describe(ObjectNode alert, Episode ep, Thresholds t, long now) {
        long escalateAfter = t.timing().escalateAfter().toMillis();
        alert.put("escalateAfterMinutes", escalateAfter / 60_000.0);
        alert.putNull("escalatesAt");
        alert.putNull("resolvesAt");
        String rise = ep.condition() == AlertCondition.NEWS2
                ? "; at once if the risk rises above " + ep.worst() : "";
        if (!ep.open()) {
            alert.put("next", "resolved");
        } else if (ep.condition() == AlertCondition.NO_DATA) {
            alert.put("next", "does not escalate; resolves when readings arrive again");
        } else if (ep.belowSince() >= 0) {
            long resolvesAt = ep.belowSince() + t.resolveAfter().toMillis();
            alert.put("resolvesAt", resolvesAt);
            alert.put("next",
                    "no reminder: the condition no longer holds; resolves at " + Instant.ofEpochMilli(resolvesAt)
                    + " if it stays below" + rise);
        } else if (ep.acknowledgedBy() != null) {
            alert.put("next", "no reminder: acknowledged by " + ep.acknowledgedBy() + rise);
        } else {
            long at = ep.lastNotifiedAt() + escalateAfter;
            alert.put("escalatesAt", at);
            alert.put("next",
                    (at <= now ? "escalation due: with the next reading" : "escalates at " + Instant.ofEpochMilli(at))
                    + " unless acknowledged" + rise);
        }
    }
}
