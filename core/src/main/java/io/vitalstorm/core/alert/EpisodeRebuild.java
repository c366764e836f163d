package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A patient's episodes (one per condition: its latest alert) from their stored alert
 * transitions, as the engine would hold them after emitting those transitions: same alert id,
 * state, transition number ({@code seq}, recovered from the deterministic event id), worst band,
 * open time, reading clock of the last transition, last notification and acknowledgement. Not
 * stored, so not rebuilt: {@code belowSince} (when a still-open condition stopped holding) is -1,
 * and the resolve clock of such an alert restarts at the next reading that does not hold.
 */
public final class EpisodeRebuild {

    private static final String SILENT_SINCE = " since ";

    private EpisodeRebuild() {
    }

    public static List<Episode> episodes(List<PastTransition> transitions) {
        Map<String, List<Numbered>> byAlert = new LinkedHashMap<>();
        for (PastTransition t : transitions) {
            int seq = seqOf(t, transitions.size() * 2 + 16);
            if (seq >= 0) {
                byAlert.computeIfAbsent(t.alertId(), k -> new ArrayList<>()).add(new Numbered(seq, t));
            }
        }
        Map<AlertCondition, Episode> latest = new LinkedHashMap<>();
        for (List<Numbered> alert : byAlert.values()) {
            alert.sort(Comparator.comparingInt(Numbered::seq));
            Episode ep = episode(alert);
            if (ep != null) {
                latest.merge(ep.condition(), ep, (a, b) -> a.openedAt() >= b.openedAt() ? a : b);
            }
        }
        return List.copyOf(latest.values());
    }

    private record Numbered(int seq, PastTransition t) {
    }

    /** The episode after the alert's last stored transition, or null without its OPEN (not stored yet, or expired). */
    private static Episode episode(List<Numbered> alert) {
        PastTransition first = alert.get(0).t();
        if (alert.get(0).seq() != 0 || first.state() != AlertState.OPEN) {
            return null;
        }
        RiskBand worst = first.band();
        long lastTransitionTs = first.ts();
        long lastNotifiedAt = first.ts();
        for (Numbered n : alert) {
            PastTransition t = n.t();
            worst = worst.compareTo(t.band()) >= 0 ? worst : t.band();
            if (t.state() != AlertState.ACKNOWLEDGED) {
                lastTransitionTs = t.ts(); // an acknowledgement keeps the reading clock
            }
            if (t.state() == AlertState.ESCALATED) {
                lastNotifiedAt = t.ts();
            }
        }
        Numbered last = alert.get(alert.size() - 1);
        PastTransition t = last.t();
        return Episode.builder(first.condition(), first.alertId()).state(t.state()).seq(last.seq()).worst(worst)
                .band(t.band()).news2(t.news2()).openedAt(openedAt(first)).lastTransitionTs(lastTransitionTs)
                .lastNotifiedAt(lastNotifiedAt).acknowledgedBy(t.acknowledgedBy()).lastReason(t.reason()).build();
    }

    /**
     * NO_DATA opens at the last reading's time plus the gap, and is named after that reading ("… since &lt;time&gt;").
     */
    private static long openedAt(PastTransition open) {
        if (open.condition() == AlertCondition.NO_DATA && open.reason() != null) {
            int at = open.reason().lastIndexOf(SILENT_SINCE);
            if (at >= 0) {
                try {
                    return Instant.parse(open.reason().substring(at + SILENT_SINCE.length()).trim()).toEpochMilli();
                } catch (DateTimeParseException e) {
                    return open.ts();
                }
            }
        }
        return open.ts();
    }

    /** The transition number its event id was made from, or -1 for an id of another scheme. */
    static int seqOf(PastTransition t, int limit) {
        for (int seq = 0; seq < limit; seq++) {
            if (AlertIds.event(t.alertId(), seq, t.state()).equals(t.eventId())) {
                return seq;
            }
        }
        return -1;
    }
}
