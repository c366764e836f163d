package io.vitalstorm.topology;

import java.util.Map;

/**
 * Executors per component, from {@code vitalstorm.parallelism.<component>} keys. The defaults
 * fit a small node; raise spout parallelism up to the vitals topic's partition count.
 */
public record Parallelism(int spout, int parse, int enrich, int score, int alert, int latestState, int history,
                          int alertStore, int kafkaOut) {

    public static Parallelism fromConf(Map<String, ?> conf) {
        return new Parallelism(
                get(conf, VitalStormTopology.SPOUT, 1),
                get(conf, VitalStormTopology.PARSE, 1),
                get(conf, VitalStormTopology.ENRICH, 1),
                get(conf, VitalStormTopology.SCORE, 1),
                get(conf, VitalStormTopology.ALERT, 1),
                get(conf, VitalStormTopology.LATEST_STATE, 1),
                get(conf, VitalStormTopology.HISTORY, 1),
                get(conf, VitalStormTopology.ALERT_STORE, 1),
                get(conf, VitalStormTopology.KAFKA_OUT, 1));
    }

    private static int get(Map<String, ?> conf, String component, int fallback) {
        Object v = conf.get("vitalstorm.parallelism." + component);
        if (v == null) {
            return fallback;
        }
        int n = v instanceof Number num ? num.intValue() : Integer.parseInt(v.toString().trim());
        if (n < 1) {
            throw new IllegalArgumentException("vitalstorm.parallelism." + component + " must be >= 1");
        }
        return n;
    }
}
