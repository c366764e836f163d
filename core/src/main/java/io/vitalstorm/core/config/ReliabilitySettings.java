package io.vitalstorm.core.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How the topology treats failures and idle patients (docs/reliability.md).
 *
 * @param maxRetries     replays of a record after transient outages before it becomes a
 *                       {@code RETRIES_EXHAUSTED} dead letter
 * @param evictAfterMillis a patient silent this long is dropped from every in-memory map (their
 *                       state stays in the stores and is restored by the next reading)
 */
public record ReliabilitySettings(int maxRetries, long evictAfterMillis) implements Serializable {

    public static final Setting.Whole MAX_RETRIES = new Setting.Whole("vitalstorm.retries.max", 20, 0, 1_000,
            "Replays of a record after transient outages (Redis, Cassandra, Kafka, ZooKeeper) before it goes to the "
                    + "dead-letter topic as RETRIES_EXHAUSTED. With the spout's backoff (0.3 s doubling up to 30 s), "
                    + "20 replays ride out an outage of about 7 minutes.");
    public static final Setting.Whole EVICT_AFTER_MINUTES =
            new Setting.Whole("vitalstorm.state.evict.after.minutes", 60, 1,
            7 * 24 * 60,
            "A patient from whom nothing has arrived for this long is checkpointed and dropped from the tasks' memory; "
                    + "the next reading restores them from Redis. Keep it above the longest no-data time of the "
                    + "thresholds.");

    public static final List<Setting> ALL = List.of(MAX_RETRIES, EVICT_AFTER_MINUTES);

    /** The defaults, for the topology configuration. */
    public static Map<String, Object> defaults() {
        return Setting.defaults(ALL);
    }

    public static ReliabilitySettings fromMap(Map<String, ?> conf) {
        return new ReliabilitySettings((int) MAX_RETRIES.read(conf), EVICT_AFTER_MINUTES.read(conf) * 60_000L);
    }
}
