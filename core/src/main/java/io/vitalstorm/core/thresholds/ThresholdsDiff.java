package io.vitalstorm.core.thresholds;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.json.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a new thresholds document changes, key by key ({@code alertTrigger: LOW_MEDIUM -> HIGH},
 * {@code scoring.heartRate[1].upTo: 50 -> 55}), so an operator sees the effect before a set.
 */
public final class ThresholdsDiff {

    private ThresholdsDiff() {
    }

    /** @param before the stored document, or null when there is none yet */
    public static List<String> between(byte[] before, byte[] after) {
        Map<String, String> a = flatten(before);
        Map<String, String> b = flatten(after);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> lines = new ArrayList<>();
        for (String k : keys) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null) {
                lines.add("+ " + k + ": " + y);
            } else if (y == null) {
                lines.add("- " + k + ": " + x);
            } else if (!x.equals(y)) {
                lines.add("~ " + k + ": " + x + " -> " + y);
            }
        }
        return lines;
    }

    private static Map<String, String> flatten(byte[] json) {
        Map<String, String> out = new TreeMap<>();
        if (json == null) {
            return out;
        }
        try {
            flatten("", Json.MAPPER.readTree(json), out);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                flatten(prefix + "[" + i + "]", n.get(i), out);
            }
        } else {
            out.put(prefix, n.isNumber() ? n.decimalValue().stripTrailingZeros().toPlainString() : n.asText());
        }
    }
}
