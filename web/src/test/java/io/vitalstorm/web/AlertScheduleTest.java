package io.vitalstorm.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.alert.Episode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.RiskBand;
import io.vitalstorm.core.thresholds.Thresholds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertScheduleTest {

    private static final long MIN = 60_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final Thresholds T = Thresholds.DEFAULTS;

    private static Episode episode(AlertCondition c, long belowSince, long notifiedAt, String ackBy) {
        return Episode.builder(c, "a1").state(ackBy == null ? AlertState.OPEN : AlertState.ACKNOWLEDGED).seq(0)
                .worst(RiskBand.MEDIUM).band(RiskBand.MEDIUM).news2(5).openedAt(T0).lastTransitionTs(T0)
                .belowSince(belowSince).lastNotifiedAt(notifiedAt).acknowledgedBy(ackBy)
                .lastReason("NEWS2 5 sustained").build();
    }

    private static ObjectNode describe(Episode e, long now) {
        ObjectNode n = Json.object();
        AlertSchedule.describe(n, e, T, now);
        return n;
    }

    @Test
    void anUnacknowledgedAlertEscalatesEscalateAfterTheLastNotification() {
        long after = T.timing().escalateAfter().toMillis();
        ObjectNode n = describe(episode(AlertCondition.NEWS2, Episode.HOLDS, T0 + 5 * MIN, null), T0 + 6 * MIN);
        assertThat(n.path("escalatesAt").asLong()).isEqualTo(T0 + 5 * MIN + after);
        assertThat(n.path("next").asText()).startsWith("escalates at ").contains("unless acknowledged")
                .contains("rises above MEDIUM");
        ObjectNode due = describe(episode(AlertCondition.NEWS2, Episode.HOLDS, T0, null), T0 + after + MIN);
        assertThat(due.path("next").asText()).startsWith("escalation due");
    }

    @Test
    void acknowledgedResolvingAndSilentAlertsHaveNoReminderTime() {
        ObjectNode acked = describe(episode(AlertCondition.NEWS2, Episode.HOLDS, T0, "dr.osei"), T0 + MIN);
        assertThat(acked.path("escalatesAt").isNull()).isTrue();
        assertThat(acked.path("next").asText()).contains("acknowledged by dr.osei").contains("rises above MEDIUM");

        ObjectNode resolving = describe(episode(AlertCondition.DETERIORATING, T0 + 2 * MIN, T0, null), T0 + 3 * MIN);
        assertThat(resolving.path("escalatesAt").isNull()).isTrue();
        assertThat(resolving.path("resolvesAt").asLong()).isEqualTo(T0 + 2 * MIN + T.resolveAfter().toMillis());
        assertThat(resolving.path("next").asText()).doesNotContain("rises above");

        ObjectNode silent = describe(episode(AlertCondition.NO_DATA, Episode.HOLDS, T0, null), T0 + 99 * MIN);
        assertThat(silent.path("escalatesAt").isNull()).isTrue();
        assertThat(silent.path("next").asText()).contains("does not escalate");
    }
}
