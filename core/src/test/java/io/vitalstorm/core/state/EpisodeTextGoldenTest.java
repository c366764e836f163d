package io.vitalstorm.core.state;

import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exact text of a stored alert episode (one Redis hash field: thirteen fields joined by '|'),
 * both ways, as written before the state codec moved to {@code io.vitalstorm.core.state}; an
 * episode stored by an older worker must read back field for field.
 */
class EpisodeTextGoldenTest {

    private static final String OPEN_NEWS2 = "NEWS2|P-1-news2-1000|OPEN|0|MEDIUM|MEDIUM|5|1000|1000|-1|1000||NEWS2 5";
    private static final String ACKED_DETERIORATING =
            "DETERIORATING|a-3|ACKNOWLEDGED|7|HIGH|MEDIUM|6|10|20|30|15|dr/who|why/not";
    private static final String RESOLVED_NO_DATA = "NO_DATA|a-9|RESOLVED|2|LOW|LOW|0|-5|9000|-1|60000||readings again";

    @Test
    void theEncodedTextOfEachKindOfEpisodeIsPinned() {
        assertThat(Episode.opened(AlertCondition.NEWS2, "P-1-news2-1000", RiskBand.MEDIUM, 5, 1000, 1000, "NEWS2 5")
                .encode()).isEqualTo(OPEN_NEWS2);
        assertThat(Episode.builder(AlertCondition.DETERIORATING, "a-3").state(AlertState.ACKNOWLEDGED).seq(7)
                .worst(RiskBand.HIGH).band(RiskBand.MEDIUM).news2(6).openedAt(10).lastTransitionTs(20).belowSince(30)
                .lastNotifiedAt(15).acknowledgedBy("dr|who").lastReason("why|not").build().encode())
                .as("'|' in free text becomes '/'").isEqualTo(ACKED_DETERIORATING);
        assertThat(Episode.builder(AlertCondition.NO_DATA, "a-9").state(AlertState.RESOLVED).seq(2)
                .worst(RiskBand.LOW).band(RiskBand.LOW).news2(0).openedAt(-5).lastTransitionTs(9000)
                .lastNotifiedAt(60000).lastReason("readings again").build().encode()).isEqualTo(RESOLVED_NO_DATA);
    }

    @Test
    void storedTextReadsBackFieldForField() {
        assertThat(Episode.decode(ACKED_DETERIORATING)).isEqualTo(Episode.builder(AlertCondition.DETERIORATING, "a-3")
                .state(AlertState.ACKNOWLEDGED).seq(7).worst(RiskBand.HIGH).band(RiskBand.MEDIUM).news2(6).openedAt(10)
                .lastTransitionTs(20).belowSince(30).lastNotifiedAt(15).acknowledgedBy("dr/who").lastReason("why/not")
                .build());
        Episode noData = Episode.decode(RESOLVED_NO_DATA);
        assertThat(noData.acknowledgedBy()).as("empty field: nobody").isNull();
        assertThat(noData.openedAt()).isEqualTo(-5);
        assertThat(noData.belowSince()).isEqualTo(Episode.HOLDS);
        assertThat(Episode.decode(OPEN_NEWS2).encode()).isEqualTo(OPEN_NEWS2);
    }

    @Test
    void aReasonWrittenWithABarBeforeBarsWereReplacedKeepsItsBar() {
        assertThat(Episode.decode("NEWS2|a|OPEN|0|LOW|LOW|1|1|2|-1|1||left|right").lastReason())
                .isEqualTo("left|right");
    }

    @Test
    void textThatIsNoEpisodeIsRefused() {
        assertThatThrownBy(() -> Episode.decode("NEWS2|a|OPEN|0|LOW|LOW|1|1|2|-1|1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an alert episode: NEWS2|a|OPEN|0|LOW|LOW|1|1|2|-1|1");
        assertThatThrownBy(() -> Episode.decode("SEPSIS|a|OPEN|0|LOW|LOW|1|1|2|-1|1||r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Episode.decode("NEWS2|a|OPEN|x|LOW|LOW|1|1|2|-1|1||r"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
