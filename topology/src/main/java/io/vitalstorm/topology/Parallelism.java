package io.vitalstorm.topology;

import io.vitalstorm.core.config.Setting;

import java.util.List;
import java.util.Map;

/**
 * Executors per component, from {@code vitalstorm.parallelism.<component>} keys, each declared in
 * {@link #ALL} and documented in docs/configuration.md (ParallelismTest). The defaults fit a small
 * node; raise spout parallelism up to the vitals topic's partition count.
 */
public record Parallelism(int spout, int parse, int enrich, int score, int alert, int latestState, int history,
                          int alertStore, int kafkaOut) {

    public static final Setting.Whole SPOUT = of(VitalStormTopology.SPOUT,
            "executors of `vitals-spout`, and of the history spout");
    public static final Setting.Whole PARSE = of(VitalStormTopology.PARSE, "executors of `parse`");
    public static final Setting.Whole ENRICH = of(VitalStormTopology.ENRICH, "executors of `enrich`");
    public static final Setting.Whole SCORE = of(VitalStormTopology.SCORE, "executors of `score`");
    public static final Setting.Whole ALERT = of(VitalStormTopology.ALERT, "executors of `alert`");
    public static final Setting.Whole LATEST_STATE = of(VitalStormTopology.LATEST_STATE, "executors of `latest-state`");
    public static final Setting.Whole HISTORY = of(VitalStormTopology.HISTORY, "executors of `history`");
    public static final Setting.Whole ALERT_STORE = of(VitalStormTopology.ALERT_STORE, "executors of `alert-store`");
    public static final Setting.Whole KAFKA_OUT = of(VitalStormTopology.KAFKA_OUT, "executors of `kafka-out`");

    /** Every parallelism setting, in the order of docs/configuration.md. */
    public static final List<Setting.Whole> ALL = List.of(SPOUT, PARSE, ENRICH, SCORE, ALERT, LATEST_STATE, HISTORY,
            ALERT_STORE, KAFKA_OUT);

    private static Setting.Whole of(String component, String doc) {
        return new Setting.Whole("vitalstorm.parallelism." + component, 1, 1, 1_000, doc);
    }

    public static Parallelism fromConf(Map<String, ?> conf) {
        return new Parallelism(SPOUT.readInt(conf), PARSE.readInt(conf), ENRICH.readInt(conf), SCORE.readInt(conf),
                ALERT.readInt(conf), LATEST_STATE.readInt(conf), HISTORY.readInt(conf), ALERT_STORE.readInt(conf),
                KAFKA_OUT.readInt(conf));
    }
}
