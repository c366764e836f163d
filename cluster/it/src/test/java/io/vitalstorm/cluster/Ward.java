package io.vitalstorm.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.risk.AlertCondition;
import io.vitalstorm.core.alert.AlertIds;
import io.vitalstorm.core.alert.AlertState;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.news2.RiskBand;

import java.util.List;

/**
 * The readings the cluster test streams, with the alert transitions each must cause, worked out
 * by hand from the RCP 2017 chart (not by calling the scorer).
 */
final class Ward {

    static final long MINUTE = 60_000;

    /** One expected clinician-topic record, identified as consumers de-duplicate: by eventId. */
    record ExpectedAlert(String patientId, AlertCondition condition, int seq, AlertState state, RiskBand band,
            int news2,
                         long ts, String alertId) {
        String eventId() {
            return AlertIds.event(alertId, seq, state);
        }
    }

    private Ward() {
    }

    /**
     * Four full sets (spot checks) five minutes apart: NEWS2 0, 4 (a rise of 4 within the hour:
     * DETERIORATING), 5 (MEDIUM: NEWS2 OPEN), 10 (HIGH: NEWS2 ESCALATED).
     * Scores: 0; HR 95=1 RR 21=2 SpO2 95=1 = 4; + SBP 108=1 = 5; HR 118=2 RR 25=3 SpO2 93=2 SBP 98=2 T 38.6=1 = 10.
     */
    static List<byte[]> deteriorating(String patientId, long t0) {
        return List.of(
                full(patientId, t0, 80, 16, 97, 125, 37.0),
                full(patientId, t0 + 5 * MINUTE, 95, 21, 95, 118, 37.8),
                full(patientId, t0 + 10 * MINUTE, 105, 22, 95, 108, 38.0),
                full(patientId, t0 + 15 * MINUTE, 118, 25, 93, 98, 38.6));
    }

    static List<ExpectedAlert> alertsOfDeteriorating(String patientId, long t0) {
        String trend = AlertIds.alert(patientId, AlertCondition.DETERIORATING, t0 + 5 * MINUTE);
        String news2 = AlertIds.alert(patientId, AlertCondition.NEWS2, t0 + 10 * MINUTE);
        return List.of(
                new ExpectedAlert(patientId, AlertCondition.DETERIORATING, 0, AlertState.OPEN, RiskBand.LOW, 4,
                        t0 + 5 * MINUTE, trend),
                new ExpectedAlert(patientId, AlertCondition.NEWS2, 0, AlertState.OPEN, RiskBand.MEDIUM, 5,
                        t0 + 10 * MINUTE, news2),
                new ExpectedAlert(patientId, AlertCondition.NEWS2, 1, AlertState.ESCALATED, RiskBand.HIGH, 10,
                        t0 + 15 * MINUTE, news2));
    }

    /** A calm full set: NEWS2 0, never alerts whatever the alert task remembers. */
    static byte[] stable(String patientId, long ts) {
        return full(patientId, ts, 72, 14, 98, 122, 36.7);
    }

    private static byte[] full(String patientId, long ts, int hr, int rr, int spo2, int sbp, double temp) {
        ObjectNode n = Json.object();
        n.put("patientId", patientId);
        n.put("deviceId", "monitor-" + patientId);
        n.put("ts", ts);
        n.put("heartRate", hr);
        n.put("respiratoryRate", rr);
        n.put("spo2", spo2);
        n.put("systolicBp", sbp);
        n.put("temperature", temp);
        n.put("consciousness", "A");
        n.put("onOxygen", false);
        return Json.bytes(n);
    }
}
