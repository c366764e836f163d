package io.vitalstorm.bench.run;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.bench.load.BenchProducer;
import io.vitalstorm.bench.load.PatientRegistration;
import io.vitalstorm.bench.load.WardStream;
import io.vitalstorm.bench.report.BenchReport;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flink peer as the bench runs it: a child JVM on bench-flink's classpath, its CPU counted apart. */
class FlinkRunTest {

    private static final int PATIENTS = 40;

    @Test
    void readsTheResultLine() {
        assertThat(FlinkRun.parse("FLINK-RESULT records=301 observations=300 alerts=2 deadLetters=1 "
                + "firstRecordMillis=1795335300000 firstRecordCpuNanos=9000000000 finishedMillis=1795335301000"))
                .containsEntry("records", 301L)
                .containsEntry("alerts", 2L)
                .containsEntry("deadLetters", 1L)
                .containsEntry("firstRecordMillis", 1_795_335_300_000L)
                .hasSize(7);
    }

    @Test
    void runsThePeerInAChildJvmOnTheSameRecordsAndCountsItsCpuApart(@TempDir Path work) throws Exception {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        VitalStormSettings s = LocalVitalStorm.settings(infra, "flinkrun", "vitalstorm_flinkrun");
        LocalVitalStorm.createTopics(infra, s);
        try (CqlSession cassandra = CassandraSessions.open(s); JedisPooled redis = RedisClients.open(s)) {
            PatientRegistration.register(new PatientRegistry(cassandra, s.cassandraKeyspace()), new ProfileCache(redis),
                    0, PATIENTS);
            long records;
            try (BenchProducer producer = new BenchProducer(s.kafkaBootstrapServers(), s.vitalsTopic(), 5)) {
                records = producer.preload(PATIENTS, 30, System.currentTimeMillis() - 90_000);
            }

            BenchReport.Peer p = FlinkRun.run(Path.of("..", "bench-flink", "target"), s, PATIENTS, records, redis,
                    work, Duration.ofMinutes(2), System.out::println);

            assertThat(p.records()).isEqualTo(records);
            assertThat(p.patients()).isEqualTo(PATIENTS);
            assertThat(p.seconds()).isPositive();
            assertThat(p.cpuSeconds()).containsKeys("jvm", "redis", "cassandra", "flink");
            assertThat(p.cpuSeconds().get("flink")).isPositive();
            for (int patient = 0; patient < PATIENTS; patient++) {
                assertThat(redis.exists(RedisKeys.latest(WardStream.patientId(patient)))).isTrue();
            }
        }
    }
}
