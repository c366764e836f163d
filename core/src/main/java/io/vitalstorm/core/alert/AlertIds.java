package io.vitalstorm.core.alert;

import io.vitalstorm.core.news2.RiskBand;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Deterministic (name-based) ids: the same patient and event time always give the same id. */
public final class AlertIds {

    private AlertIds() {
    }

    public static String episode(String patientId, long openedAtEventTime) {
        return uuid("vitalstorm/alert/" + patientId + "/" + openedAtEventTime);
    }

    public static String event(String alertId, AlertState state, RiskBand band) {
        return uuid("vitalstorm/alert-event/" + alertId + "/" + state + "/" + band);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
