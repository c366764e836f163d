package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.state.EpisodeCodec;
import io.vitalstorm.core.state.StoredEpisode;

/**
 * The durable state of one alert (one patient, one condition): small, one hash field in Redis,
 * written on every change before the transition goes downstream.
 *
 * @param worst            worst band of the alert so far (escalation is a rise above it)
 * @param openedAt         event time it opened
 * @param lastTransitionTs event time of its last transition ({@code state}, number {@code seq})
 * @param belowSince       event time since when the condition no longer holds, or {@link #HOLDS} (-1)
 * @param lastNotifiedAt   event time clinicians were last told (OPEN or ESCALATED)
 * @param acknowledgedBy   who acknowledged since the last notification, or null
 * @param lastReason       the reason of the last transition
 */
public record Episode(AlertCondition condition, String alertId, AlertState state, int seq, RiskBand worst,
                      RiskBand band, int news2, long openedAt, long lastTransitionTs, long belowSince,
                      long lastNotifiedAt, String acknowledgedBy, String lastReason) {

    /** {@link #belowSince} while the condition still holds. */
    public static final long HOLDS = -1;

    public boolean open() {
        return state != AlertState.RESOLVED;
    }

    /**
     * A new alert, first notified at {@code at}: {@code openedAt} names it (the reading's time; for NO_DATA the
     * last reading before the silence), {@code at} is the event time of the OPEN transition.
     */
    public static Episode opened(AlertCondition condition, String alertId, RiskBand band, int news2, long openedAt,
                                 long at, String reason) {
        return builder(condition, alertId).state(AlertState.OPEN).seq(0).worst(band).band(band).news2(news2)
                .openedAt(openedAt).lastTransitionTs(at).lastNotifiedAt(at).lastReason(reason).build();
    }

    /** The risk rose above the worst so far: clinicians are told again, an earlier acknowledgement lapses. */
    Episode escalated(RiskBand nextBand, int nextNews2, long at, String reason) {
        return next(AlertState.ESCALATED, nextBand, nextNews2, at, reason);
    }

    /** The condition no longer holds (or the alert is closed for another reason) at {@code at}. */
    Episode resolved(RiskBand lastBand, int lastNews2, long at, String reason) {
        return next(AlertState.RESOLVED, lastBand, lastNews2, at, reason);
    }

    private Episode next(AlertState nextState, RiskBand nextBand, int nextNews2, long ts, String reason) {
        boolean notify = nextState == AlertState.ESCALATED;
        return toBuilder().state(nextState).seq(seq + 1).worst(worst.compareTo(nextBand) >= 0 ? worst : nextBand)
                .band(nextBand).news2(nextNews2).lastTransitionTs(ts).belowSince(HOLDS)
                .lastNotifiedAt(notify ? ts : lastNotifiedAt).acknowledgedBy(notify ? null : acknowledgedBy)
                .lastReason(reason).build();
    }

    /** Keeps the reading clock: an acknowledgement's wall-clock time must not hide later readings. */
    Episode acknowledged(String by, String reason) {
        return toBuilder().state(AlertState.ACKNOWLEDGED).seq(seq + 1).acknowledgedBy(by).lastReason(reason).build();
    }

    /** The condition stopped holding at {@code since} (resolution waits for the hold time); not a transition. */
    Episode stoppedHolding(long since) {
        return toBuilder().belowSince(since).build();
    }

    /** The condition holds again: the pending resolution is dropped; not a transition. */
    Episode holdsAgain() {
        return stoppedHolding(HOLDS);
    }

    /** Every field by name; {@code belowSince} defaults to {@link #HOLDS}, {@code acknowledgedBy} to null. */
    public static Builder builder(AlertCondition condition, String alertId) {
        return new Builder(condition, alertId);
    }

    public Builder toBuilder() {
        return builder(condition, alertId).state(state).seq(seq).worst(worst).band(band).news2(news2)
                .openedAt(openedAt).lastTransitionTs(lastTransitionTs).belowSince(belowSince)
                .lastNotifiedAt(lastNotifiedAt).acknowledgedBy(acknowledgedBy).lastReason(lastReason);
    }

    /** Named fields instead of thirteen positional ones. */
    public static final class Builder {
        private final AlertCondition condition;
        private final String alertId;
        private AlertState state;
        private int seq;
        private RiskBand worst;
        private RiskBand band;
        private int news2;
        private long openedAt;
        private long lastTransitionTs;
        private long belowSince = HOLDS;
        private long lastNotifiedAt;
        private String acknowledgedBy;
        private String lastReason;

        private Builder(AlertCondition condition, String alertId) {
            this.condition = condition;
            this.alertId = alertId;
        }

        public Builder state(AlertState v) {
            state = v;
            return this;
        }

        public Builder seq(int v) {
            seq = v;
            return this;
        }

        public Builder worst(RiskBand v) {
            worst = v;
            return this;
        }

        public Builder band(RiskBand v) {
            band = v;
            return this;
        }

        public Builder news2(int v) {
            news2 = v;
            return this;
        }

        public Builder openedAt(long v) {
            openedAt = v;
            return this;
        }

        public Builder lastTransitionTs(long v) {
            lastTransitionTs = v;
            return this;
        }

        public Builder belowSince(long v) {
            belowSince = v;
            return this;
        }

        public Builder lastNotifiedAt(long v) {
            lastNotifiedAt = v;
            return this;
        }

        public Builder acknowledgedBy(String v) {
            acknowledgedBy = v;
            return this;
        }

        public Builder lastReason(String v) {
            lastReason = v;
            return this;
        }

        public Episode build() {
            return new Episode(condition, alertId, state, seq, worst, band, news2, openedAt, lastTransitionTs,
                    belowSince, lastNotifiedAt, acknowledgedBy, lastReason);
        }
    }

    /** The stored form ({@link EpisodeCodec}: the text, its version). */
    public StoredEpisode stored() {
        return new StoredEpisode(condition.name(), alertId, state.name(), seq, worst, band, news2, openedAt,
                lastTransitionTs, belowSince, lastNotifiedAt, acknowledgedBy, lastReason);
    }

    /** The episode of its stored form; an IllegalArgumentException for an unknown condition or state. */
    public static Episode fromStored(StoredEpisode s) {
        return builder(AlertCondition.valueOf(s.condition()), s.alertId()).state(AlertState.valueOf(s.state()))
                .seq(s.seq()).worst(s.worst()).band(s.band()).news2(s.news2()).openedAt(s.openedAt())
                .lastTransitionTs(s.lastTransitionTs()).belowSince(s.belowSince()).lastNotifiedAt(s.lastNotifiedAt())
                .acknowledgedBy(s.acknowledgedBy()).lastReason(s.lastReason()).build();
    }

    /** The text stored in Redis ({@link EpisodeCodec}). */
    public String encode() {
        return EpisodeCodec.encode(stored());
    }

    /** An episode of its stored text ({@link EpisodeCodec}, every version it reads). */
    public static Episode decode(String text) {
        return fromStored(EpisodeCodec.decode(text));
    }
}
