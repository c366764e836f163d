package io.vitalstorm.bench.limit;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.bench.load.BenchProducer;
import io.vitalstorm.bench.load.PatientRegistration;
import io.vitalstorm.bench.load.WardStream;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.LiveThresholds;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit loop against the real local servers does the topology's per-patient work: every record processed and
 * committed, every patient's latest state in Redis and its history through the history topic in Cassandra, and —
 * once Redis has lost the risk state (restarted empty) — every patient seen again is rebuilt from that history, as
 * the score bolt does.
 */
class LimitLoopTest {

    private static final int PATIENTS = 20;

    @Test
    void processesEveryRecordAndRebuildsPatientsRedisLostFromTheCassandraHistory() throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        VitalStormSettings s = LocalVitalStorm.settings(infra, "limittest", "vitalstorm_limittest");
        LocalVitalStorm.createTopics(infra, s);
        infra.createTopics(Map.of(LimitLoop.historyTopic(s), LimitLoop.HISTORY_PARTITIONS));
        try (CqlSession cassandra = CassandraSessions.open(s); JedisPooled redis = RedisClients.open(s);
             LiveThresholds thresholds = LiveThresholds.watch(CuratorClients.shared(s), s.zookeeperRoot())) {
            PatientRegistration.register(new PatientRegistry(cassandra, s.cassandraKeyspace()), new ProfileCache(redis),
                    0, PATIENTS);
            forgetRiskState(redis); // other tests of this JVM score the same patient ids
            long start = System.currentTimeMillis() - 120_000;
            LimitLoop.Result first = run(s, cassandra, redis, thresholds, preload(s, 20, start));

            assertThat(first.observations()).isPositive();
            assertThat(first.rebuiltPatients()).as("no history yet: every patient starts afresh").isZero();
            for (int patient = 0; patient < PATIENTS; patient++) {
                assertThat(redis.exists(RedisKeys.latest(WardStream.patientId(patient)))).isTrue();
            }

            forgetRiskState(redis);
            LimitLoop.Result second = run(s, cassandra, redis, thresholds, preload(s, 10, start + 20_000));

            assertThat(second.rebuiltPatients()).as("every patient rebuilt from its Cassandra history")
                    .isEqualTo(PATIENTS);
            assertThat(second.historyRetries()).isGreaterThanOrEqualTo(0);
        }
    }

    private static long preload(VitalStormSettings s, int seconds, long startMs) {
        try (BenchProducer producer = new BenchProducer(s.kafkaBootstrapServers(), s.vitalsTopic(), 5)) {
            return producer.preload(PATIENTS, seconds, startMs);
        }
    }

    /** A new loop (nothing in memory) on the next {@code records} of the vitals topic, as one consumer group. */
    private static LimitLoop.Result run(VitalStormSettings s, CqlSession cassandra, JedisPooled redis,
                                        LiveThresholds thresholds, long records) throws Exception {
        try (LimitLoop loop = new LimitLoop(s, "limittest", cassandra, redis, thresholds)) {
            LimitLoop.Result r = loop.run(records, Duration.ofMinutes(2));
            loop.awaitHistory(Duration.ofMinutes(1));
            assertThat(r.records()).isEqualTo(records);
            return r;
        }
    }

    /** What Redis restarted empty loses: risk checkpoints and alert episodes. */
    private static void forgetRiskState(JedisPooled redis) {
        for (int patient = 0; patient < PATIENTS; patient++) {
            String id = WardStream.patientId(patient);
            redis.del(RedisKeys.riskState(id), RedisKeys.episode(id));
        }
    }
}
