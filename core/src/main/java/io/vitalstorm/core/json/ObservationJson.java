package io.vitalstorm.core.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.News2Score;
import io.vitalstorm.core.news2.Parameter;

import java.time.Instant;

/** Writes observations and scores into JSON objects (alerts, replay output, dashboards). */
public final class ObservationJson {

    private ObservationJson() {
    }

    /** The measured values in the input format's field names; absent vitals are left out. */
    public static ObjectNode vitals(Observation o) {
        ObjectNode n = Json.object();
        putIfPresent(n, "heartRate", o.heartRate());
        putIfPresent(n, "respiratoryRate", o.respiratoryRate());
        putIfPresent(n, "spo2", o.spo2());
        putIfPresent(n, "systolicBp", o.systolicBp());
        putIfPresent(n, "temperature", o.temperature());
        if (o.consciousness() != null) {
            n.put("consciousness", String.valueOf(o.consciousness().code()));
        }
        if (o.onOxygen() != null) {
            n.put("onOxygen", o.onOxygen());
        }
        return n;
    }

    /** The observation in the native input format (docs/input-formats.md): what a device would send. */
    public static ObjectNode input(Observation o) {
        ObjectNode n = Json.object();
        n.put("patientId", o.patientId());
        if (o.deviceId() != null) {
            n.put("deviceId", o.deviceId());
        }
        n.put("ts", o.ts());
        n.setAll(vitals(o));
        return n;
    }

    /**
     * news2, band, subscores (by chart name), incomplete, the missing parameters and those carried from earlier
     * readings.
     */
    public static void putScore(ObjectNode target, News2Score s) {
        target.put("news2", s.total());
        target.put("band", s.band().name());
        ObjectNode sub = target.putObject("subscores");
        s.subscores().forEach((p, v) -> sub.put(p.jsonName(), v));
        target.put("incomplete", s.incomplete());
        var missing = target.putArray("missing");
        for (Parameter p : s.missing()) {
            missing.add(p.jsonName());
        }
        var carried = target.putArray("carried");
        for (Parameter p : s.carried()) {
            carried.add(p.jsonName());
        }
    }

    public static void putTime(ObjectNode target, long ts) {
        target.put("ts", ts);
        target.put("time", Instant.ofEpochMilli(ts).toString());
    }

    private static void putIfPresent(ObjectNode n, String field, Double value) {
        if (value != null) {
            // whole numbers print as integers: 72, not 72.0
            if (value == Math.rint(value) && Math.abs(value) < 1e9) {
                n.put(field, value.longValue());
            } else {
                n.put(field, value);
            }
        }
    }
}
