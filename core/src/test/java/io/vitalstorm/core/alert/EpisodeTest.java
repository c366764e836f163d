package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The named lifecycle of an episode, and the persisted text form it keeps (pinned field by field). */
class EpisodeTest {

    private static final Episode OPENED =
            Episode.opened(AlertCondition.NEWS2, "a-1", RiskBand.MEDIUM, 5, 1_000, 1_000, "score 5");

    @Test
    void openedIsTheFirstTransitionWithNothingPending() {
        assertThat(OPENED).isEqualTo(Episode.builder(AlertCondition.NEWS2, "a-1").state(AlertState.OPEN)
                .seq(0).worst(RiskBand.MEDIUM).band(RiskBand.MEDIUM).news2(5).openedAt(1_000).lastTransitionTs(1_000)
                .belowSince(Episode.HOLDS).lastNotifiedAt(1_000).acknowledgedBy(null).lastReason("score 5").build());
        assertThat(OPENED.encode()).isEqualTo("NEWS2|a-1|OPEN|0|MEDIUM|MEDIUM|5|1000|1000|-1|1000||score 5");
    }

    @Test
    void noDataOpensAtTheSilenceButIsNamedAfterTheLastReading() {
        Episode e = Episode.opened(AlertCondition.NO_DATA, "a-2", RiskBand.LOW, 1, 1_000, 61_000, "silent");
        assertThat(e.openedAt()).isEqualTo(1_000);
        assertThat(e.lastTransitionTs()).isEqualTo(61_000);
        assertThat(e.lastNotifiedAt()).isEqualTo(61_000);
    }

    @Test
    void acknowledgementKeepsTheReadingClockAndEscalationLapsesIt() {
        Episode acked = OPENED.acknowledged("nurse|1", "seen");
        assertThat(acked.encode()).isEqualTo("NEWS2|a-1|ACKNOWLEDGED|1|MEDIUM|MEDIUM|5|1000|1000|-1|1000|nurse/1|seen");
        Episode escalated = acked.escalated(RiskBand.HIGH, 8, 5_000, "rose");
        assertThat(escalated.encode()).isEqualTo("NEWS2|a-1|ESCALATED|2|HIGH|HIGH|8|1000|5000|-1|5000||rose");
    }

    @Test
    void pendingResolutionIsNotATransitionAndResolvingKeepsTheWorstBand() {
        Episode high = OPENED.escalated(RiskBand.HIGH, 8, 5_000, "rose");
        Episode below = high.stoppedHolding(7_000);
        assertThat(below.seq()).isEqualTo(high.seq());
        assertThat(below.belowSince()).isEqualTo(7_000);
        assertThat(below.holdsAgain()).isEqualTo(high);
        Episode resolved = below.acknowledged("n", "ok").resolved(RiskBand.LOW, 1, 9_000, "gone");
        assertThat(resolved.open()).isFalse();
        assertThat(resolved.encode()).isEqualTo("NEWS2|a-1|RESOLVED|3|HIGH|LOW|1|1000|9000|-1|5000|n|gone");
    }

    @Test
    void builderAndDecodeRoundTripEveryField() {
        Episode e = Episode.builder(AlertCondition.DETERIORATING, "a-3").state(AlertState.ACKNOWLEDGED).seq(7)
                .worst(RiskBand.HIGH).band(RiskBand.MEDIUM).news2(6).openedAt(10).lastTransitionTs(20)
                .belowSince(30).lastNotifiedAt(15).acknowledgedBy("dr").lastReason("why").build();
        assertThat(e).isEqualTo(Episode.builder(AlertCondition.DETERIORATING, "a-3").state(AlertState.ACKNOWLEDGED)
                .seq(7).worst(RiskBand.HIGH).band(RiskBand.MEDIUM).news2(6).openedAt(10).lastTransitionTs(20)
                .belowSince(30).lastNotifiedAt(15).acknowledgedBy("dr").lastReason("why").build());
        assertThat(Episode.decode(e.encode())).isEqualTo(e);
        assertThat(e.toBuilder().build()).isEqualTo(e);
    }
}
