package io.vitalstorm.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;

/** Builds a native-format observation record for tests. */
final class Reading {

    private final ObjectNode n = Json.object();

    private Reading(String patientId, long ts) {
        n.put("patientId", patientId);
        n.put("deviceId", "dev-" + patientId);
        n.put("ts", ts);
    }

    static Reading of(String patientId, long ts) {
        return new Reading(patientId, ts);
    }

    /** All seven parameters, as a nurse's full set of observations. */
    static Reading full(String patientId, long ts, int hr, int rr, int spo2, int sbp, double temp, String acvpu,
            boolean oxygen) {
        return of(patientId, ts).hr(hr).rr(rr).spo2(spo2).sbp(sbp).temp(temp).acvpu(acvpu).oxygen(oxygen);
    }

    Reading hr(int v) {
        n.put("heartRate", v);
        return this;
    }

    Reading rr(int v) {
        n.put("respiratoryRate", v);
        return this;
    }

    Reading spo2(int v) {
        n.put("spo2", v);
        return this;
    }

    Reading sbp(int v) {
        n.put("systolicBp", v);
        return this;
    }

    Reading temp(double v) {
        n.put("temperature", v);
        return this;
    }

    Reading acvpu(String v) {
        n.put("consciousness", v);
        return this;
    }

    Reading oxygen(boolean v) {
        n.put("onOxygen", v);
        return this;
    }

    byte[] bytes() {
        return Json.bytes(n);
    }
}
