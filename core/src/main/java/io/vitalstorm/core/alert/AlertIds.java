package io.vitalstorm.core.alert;

import io.vitalstorm.core.risk.AlertCondition;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic (name-based) ids: the same patient, condition and event time always give the same id. */
public final class AlertIds {

    private AlertIds() {
    }

    public static String alert(String patientId, AlertCondition condition, long openedAtEventTime) {
        return uuid("vitalstorm/alert/" + patientId + "/" + condition + "/" + openedAtEventTime);
    }

    /** {@code seq} numbers the alert's transitions, so a second escalation or acknowledgement gets its own id. */
    public static String event(String alertId, int seq, AlertState state) {
        return uuid("vitalstorm/alert-event/" + alertId + "/" + seq + "/" + state);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
