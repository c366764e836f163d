package io.vitalstorm.storage.redis;

import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.risk.AlertCondition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact JSON of an open-alerts index entry ({@link RedisKeys#OPEN_ALERTS}), which the dashboard,
 * the CLI and the care-team summaries read without decoding episodes; pinned as written before the
 * state codec moved to {@code io.vitalstorm.core.state}.
 */
class OpenAlertEntryGoldenTest {

    @Test
    void anOpenAlertsEntryIsPinnedFieldForField() {
        Episode e = Episode.builder(AlertCondition.NEWS2, "P-1-news2-1000").state(AlertState.ESCALATED).seq(1)
                .worst(RiskBand.HIGH).band(RiskBand.HIGH).news2(8).openedAt(1000).lastTransitionTs(5000)
                .belowSince(7000).lastNotifiedAt(5000).lastReason("NEWS2 8 (HIGH)").build();
        assertThat(Json.string(RedisEpisodeStore.openAlert("P-1", e))).isEqualTo("{\"alertId\":\"P-1-news2-1000\","
                + "\"patientId\":\"P-1\",\"condition\":\"NEWS2\",\"state\":\"ESCALATED\",\"band\":\"HIGH\","
                + "\"worst\":\"HIGH\",\"news2\":8,\"openedAt\":1000,\"ts\":5000,\"acknowledgedBy\":null,"
                + "\"reason\":\"NEWS2 8 (HIGH)\"}");
    }

    @Test
    void anAcknowledgedEntryNamesWhoAcknowledged() {
        Episode e = Episode.opened(AlertCondition.NO_DATA, "a-2", RiskBand.LOW, 0, 1000, 61000, "silent")
                .toBuilder().state(AlertState.ACKNOWLEDGED).seq(1).acknowledgedBy("nurse \"A\"").build();
        assertThat(Json.string(RedisEpisodeStore.openAlert("P-2", e))).isEqualTo("{\"alertId\":\"a-2\","
                + "\"patientId\":\"P-2\",\"condition\":\"NO_DATA\",\"state\":\"ACKNOWLEDGED\",\"band\":\"LOW\","
                + "\"worst\":\"LOW\",\"news2\":0,\"openedAt\":1000,\"ts\":61000,\"acknowledgedBy\":\"nurse \\\"A\\\"\","
                + "\"reason\":\"silent\"}");
    }
}
