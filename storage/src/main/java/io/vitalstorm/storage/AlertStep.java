package io.vitalstorm.storage;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.alert.AlertEngine;
import io.vitalstorm.core.alert.AlertEvent;
import io.vitalstorm.core.alert.AlertHistory;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.risk.Assessment;
import io.vitalstorm.core.thresholds.Thresholds;
import io.vitalstorm.storage.cassandra.CassandraAlertHistory;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import redis.clients.jedis.JedisPooled;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The alert lifecycle of one task without Storm: what AlertBolt runs per assessment, and the bench's limit loop and
 * Flink peer with it — episodes in Redis, a patient first seen without them rebuilt from the Cassandra transitions,
 * each assessment judged at its arrival on the wall clock. Not thread-safe: one per task.
 */
public final class AlertStep {

    private final BiFunction<String, String, Thresholds> thresholds;
    private final AlertEngine engine;

    public AlertStep(BiFunction<String, String, Thresholds> thresholds, EpisodeStore episodes, AlertHistory history) {
        this.thresholds = thresholds;
        this.engine = new AlertEngine(episodes, history);
    }

    /** The stores the topology's {@code alert} bolt has: episodes in Redis, rebuilds from {@code alerts_by_patient}. */
    public static AlertStep rebuildingFrom(BiFunction<String, String, Thresholds> thresholds, JedisPooled redis,
                                           Supplier<CqlSession> cassandra, String keyspace) {
        return new AlertStep(thresholds, new RedisEpisodeStore(redis), new CassandraAlertHistory(cassandra, keyspace));
    }

    /** The transitions an assessment causes, judged at {@code arrivedAt} (wall clock). */
    public List<AlertEvent> onAssessment(Assessment a, long arrivedAt) {
        return engine.onAssessment(a, thresholds.apply(a.patientId(), a.scored().profile().ward()), arrivedAt);
    }

    /** The engine: acknowledgements, discharges, the silence check, eviction and its counters. */
    public AlertEngine engine() {
        return engine;
    }
}
