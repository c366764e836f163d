package io.vitalstorm.core.model;

/**
 * One validated vital-signs observation from a wearable or a nurse. Any vital may be
 * null: devices send what they measure (a wrist band has no blood pressure).
 *
 * @param ts event time, epoch milliseconds (when it was measured, not when it arrived)
 */
public record Observation(
        String patientId,
        String deviceId,
        long ts,
        Double heartRate,
        Double respiratoryRate,
        Double spo2,
        Double systolicBp,
        Double temperature,
        Consciousness consciousness,
        Boolean onOxygen) {
}
