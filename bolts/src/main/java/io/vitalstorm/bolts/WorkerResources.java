package io.vitalstorm.bolts;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.alert.AlertHistory;
import io.vitalstorm.core.alert.EpisodeStore;
import io.vitalstorm.core.risk.ReadingHistory;
import io.vitalstorm.core.risk.RiskStateStore;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.AlertStore;
import io.vitalstorm.storage.cassandra.CassandraAlertHistory;
import io.vitalstorm.storage.cassandra.CassandraReadingHistory;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.HistoryWriter;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.VitalStormSchema;
import io.vitalstorm.storage.redis.LatestStateWriter;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisEpisodeStore;
import io.vitalstorm.storage.redis.RedisRiskStateStore;
import redis.clients.jedis.JedisPooled;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections shared by every task of a worker JVM: one Cassandra session, one Redis pool and
 * one thresholds watch per configuration, however many executors the worker runs. They are
 * thread-safe by design and live as long as the worker. The bolts reach them through
 * {@link ClientFactory} method references, so unit tests can hand in mocks instead.
 */
public final class WorkerResources {

    private static final Map<VitalStormSettings, CqlSession> CASSANDRA = new ConcurrentHashMap<>();
    private static final Map<VitalStormSettings, JedisPooled> REDIS = new ConcurrentHashMap<>();
    private static final Map<VitalStormSettings, LiveThresholds> THRESHOLDS = new ConcurrentHashMap<>();
    private static final Map<VitalStormSettings, PatientDirectory> DIRECTORIES = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(WorkerResources::closeAll, "vitalstorm-resources-close"));
    }

    private WorkerResources() {
    }

    public static CqlSession cassandra(VitalStormSettings s) {
        return CASSANDRA.computeIfAbsent(s, CassandraSessions::open);
    }

    public static JedisPooled redis(VitalStormSettings s) {
        return REDIS.computeIfAbsent(s, RedisClients::open);
    }

    /** Patient profiles: Redis cache in front of the Cassandra registry. */
    public static PatientDirectory directory(VitalStormSettings s) {
        return DIRECTORIES.computeIfAbsent(s, k -> new PatientDirectory(new ProfileCache(redis(k)),
                new PatientRegistry(cassandra(k), k.cassandraKeyspace())));
    }

    public static LiveThresholds thresholds(VitalStormSettings s) {
        return THRESHOLDS.computeIfAbsent(s, k -> {
            try {
                return LiveThresholds.watch(k);
            } catch (Exception e) {
                throw new UnavailableException("cannot read thresholds from ZooKeeper " + k.zookeeperConnect(), e);
            }
        });
    }

    public static RiskStateStore riskStates(VitalStormSettings s) {
        return new RedisRiskStateStore(redis(s));
    }

    public static EpisodeStore episodes(VitalStormSettings s) {
        return new RedisEpisodeStore(redis(s));
    }

    /** The readings a risk state lost with Redis is rebuilt from (the session is opened on first use). */
    public static ReadingHistory readingHistory(VitalStormSettings s) {
        return new CassandraReadingHistory(() -> cassandra(s), s.cassandraKeyspace());
    }

    /** The transitions episodes lost with Redis are rebuilt from (the session is opened on first use). */
    public static AlertHistory alertHistory(VitalStormSettings s) {
        return new CassandraAlertHistory(() -> cassandra(s), s.cassandraKeyspace());
    }

    public static LatestStateWriter latestState(VitalStormSettings s) {
        return new LatestStateWriter(redis(s));
    }

    public static HistoryWriter history(VitalStormSettings s) {
        return new HistoryWriter(cassandra(s), s.cassandraKeyspace(), s.retentionDays());
    }

    /** Re-applies the VitalStorm schema (idempotent: IF NOT EXISTS), when a write found a keyspace or table missing. */
    public static Runnable schemaRepair(VitalStormSettings s) {
        return () ->
                VitalStormSchema.apply(cassandra(s), s.cassandraKeyspace(), s.cassandraReplication(),
                        s.retentionDays());
    }

    public static AlertStore alertStore(VitalStormSettings s) {
        return new AlertStore(cassandra(s), s.cassandraKeyspace(), s.retentionDays());
    }

    /** A server a worker needs could not be reached: an outage, retried like any other. */
    public static final class UnavailableException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void closeAll() {
        THRESHOLDS.values().forEach(LiveThresholds::close);
        REDIS.values().forEach(JedisPooled::close);
        CASSANDRA.values().forEach(CqlSession::close);
    }
}
