package io.vitalstorm.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.model.PatientProfile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One patient's line on the ward board, built from the Redis latest hash and open alerts, plus
 * what only a watcher over time knows: the NEWS2 delta against the previous score and a trend
 * arrow per vital (mean of the newest readings against the older ones it has seen).
 */
final class WardRow {

    static final List<String> VITALS = List.of("heartRate", "respiratoryRate", "spo2", "systolicBp", "temperature");
    private static final int TREND_WINDOW = 20;
    private static final int TREND_SIDE = 5;
    private static final double TREND_FRACTION = 0.03;

    private int previousNews2 = Integer.MIN_VALUE;
    private int currentNews2 = Integer.MIN_VALUE;
    private long lastTs = Long.MIN_VALUE;
    private final Map<String, Deque<Double>> recent = new HashMap<>();

    /** Updates the watcher's memory with the latest hash and renders the row. */
    ObjectNode render(PatientProfile profile, Map<String, String> latest, List<String> openAlerts, long now,
                      long silentAfterMillis) {
        long ts = parseLong(latest.get("ts"), 0);
        int news2 = (int) parseLong(latest.get("news2"), 0);
        if (news2 != currentNews2) {
            previousNews2 = currentNews2;
            currentNews2 = news2;
        }
        if (ts != lastTs) {
            lastTs = ts;
            for (String v : VITALS) {
                Double value = parseDouble(latest.get(v));
                if (value != null) {
                    Deque<Double> d = recent.computeIfAbsent(v, k -> new ArrayDeque<>());
                    d.addLast(value);
                    if (d.size() > TREND_WINDOW) {
                        d.removeFirst();
                    }
                }
            }
        }
        ObjectNode row = Json.object();
        row.put("patientId", profile.patientId());
        row.put("name", profile.displayName());
        row.put("ward", profile.ward());
        row.put("careTeam", profile.careTeam());
        row.put("doctor", profile.responsibleDoctor());
        row.put("news2", news2);
        row.put("band", latest.getOrDefault("band", "UNKNOWN"));
        row.put("news2Delta", previousNews2 == Integer.MIN_VALUE ? 0 : currentNews2 - previousNews2);
        row.put("ts", ts);
        row.put("updatedAt", parseLong(latest.get("updatedAt"), 0));
        row.put("incomplete", Boolean.parseBoolean(latest.get("incomplete")));
        row.put("carried", latest.getOrDefault("carried", ""));
        row.put("missing", latest.getOrDefault("missing", ""));
        ObjectNode vitals = row.putObject("vitals");
        ObjectNode trends = row.putObject("trends");
        for (String v : VITALS) {
            Double value = parseDouble(latest.get(v));
            if (value != null) {
                vitals.put(v, value);
                trends.put(v, trend(recent.get(v)));
            }
        }
        if (latest.get("consciousness") != null) {
            vitals.put("consciousness", latest.get("consciousness"));
        }
        if (latest.get("onOxygen") != null) {
            vitals.put("onOxygen", Boolean.parseBoolean(latest.get("onOxygen")));
        }
        ArrayNode alerts = row.putArray("openAlerts");
        boolean noDataAlert = false;
        for (String json : openAlerts) {
            JsonNode a = parse(json);
            alerts.add(a);
            noDataAlert |= "NO_DATA".equals(a.path("condition").asText());
        }
        // a silent device is its own state with the data's age, never a low score
        row.put("silent", noDataAlert || (ts > 0 && now - ts > silentAfterMillis));
        return row;
    }

    /** The row's identity for change detection: everything but the clock. */
    static boolean sameAs(ObjectNode a, ObjectNode b) {
        return a != null && a.equals(b);
    }

    private static String trend(Deque<Double> values) {
        if (values == null || values.size() < 2 * TREND_SIDE) {
            return "flat";
        }
        Double[] v = values.toArray(new Double[0]);
        double older = 0;
        double newer = 0;
        for (int i = 0; i < TREND_SIDE; i++) {
            older += v[i];
            newer += v[v.length - 1 - i];
        }
        older /= TREND_SIDE;
        newer /= TREND_SIDE;
        double delta = newer - older;
        return Math.abs(delta) <= Math.abs(older) * TREND_FRACTION ? "flat" : delta > 0 ? "up" : "down";
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return Json.object().put("unparseable", json);
        }
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null || s.isEmpty() ? fallback : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Double parseDouble(String s) {
        try {
            return s == null || s.isEmpty() ? null : Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
