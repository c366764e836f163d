package io.vitalstorm.topology;

import io.vitalstorm.core.config.Setting;

import java.util.List;
import java.util.Map;

/**
 * Executors per component, from {@code vitalstorm.parallelism.<component>} keys, each declared in
 * {@link #ALL} and documented in docs/configuration.md (ParallelismTest). The defaults fit a small
 * node; raise spout parallelism up to the vitals topic's partition count.
 */
public record Parallelism(int spout, int score, int alert, int history, int alertStore, int kafkaOut) {

    public static final Setting.Whole SPOUT = of(VitalStormTopology.SPOUT,
            "executors of `vitals-spout`, and of the history spout");
    public static final Setting.Whole SCORE = of(VitalStormTopology.SCORE,
            "executors of `score` (parses, enriches and scores each reading, writes the latest state)");
    public static final Setting.Whole ALERT = of(VitalStormTopology.ALERT, "executors of `alert`");
    public static final Setting.Whole HISTORY = of(VitalStormTopology.HISTORY, "executors of `history`");
    public static final Setting.Whole ALERT_STORE = of(VitalStormTopology.ALERT_STORE, "executors of `alert-store`");
    public static final Setting.Whole KAFKA_OUT = of(VitalStormTopology.KAFKA_OUT, "executors of `kafka-out`");

    /** Every parallelism setting, in the order of docs/configuration.md. */
    public static final List<Setting.Whole> ALL = List.of(SPOUT, SCORE, ALERT, HISTORY, ALERT_STORE, KAFKA_OUT);

    /**
     * Keys of components folded into {@code score}: refused if still set, so a deployment's tuning is not silently
     * dropped (docs/configuration.md).
     */
    static final List<String> REMOVED = List.of("vitalstorm.parallelism.parse", "vitalstorm.parallelism.enrich",
            "vitalstorm.parallelism.latest-state");

    private static Setting.Whole of(String component, String doc) {
        return new Setting.Whole("vitalstorm.parallelism." + component, 1, 1, 1_000, doc);
    }

    public static Parallelism fromConf(Map<String, ?> conf) {
        for (String removed : REMOVED) {
            if (conf.containsKey(removed)) {
                throw new IllegalArgumentException(removed + " is no longer a setting: parse, enrich, score and the"
                        + " latest-state write are one component now; set " + SCORE.key()
                        + " instead (docs/configuration.md)");
            }
        }
        return new Parallelism(SPOUT.readInt(conf), SCORE.readInt(conf), ALERT.readInt(conf), HISTORY.readInt(conf),
                ALERT_STORE.readInt(conf), KAFKA_OUT.readInt(conf));
    }
}
